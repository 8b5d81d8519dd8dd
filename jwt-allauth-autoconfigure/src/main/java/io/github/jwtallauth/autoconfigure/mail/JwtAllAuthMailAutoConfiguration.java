package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

/**
 * Auto-configuration of jwt-allauth's mail: the transactional outbox, its background
 * sender, and the delivery, over SMTP when Boot has a {@code JavaMailSender}
 * ({@code spring.mail.host} set), into the log otherwise, so that an application without
 * mail settings still starts. Spring's mail support and Thymeleaf are optional: without
 * the first, mails go to an application's {@link MailDelivery} or the log; without the
 * second, there are no templates, so no {@link AccountMailer} and none of the account
 * flows that mail.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class,
		afterName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthMailAutoConfiguration {

	/** A class of Spring's mail support, to test for its presence. */
	static final String JAVA_MAIL_SENDER_CLASS = "org.springframework.mail.javamail.JavaMailSender";

	/** A class of Thymeleaf's Spring integration, to test for its presence. */
	static final String THYMELEAF_CLASS = "org.thymeleaf.spring6.SpringTemplateEngine";

	@Bean
	@ConditionalOnBean({ MailOutbox.class, JwtAllAuthTemplates.class })
	@ConditionalOnMissingBean
	AccountMailer jwtAllAuthAccountMailer(MailOutbox outbox, ObjectProvider<JwtAllAuthTemplates> templates,
			JwtAllAuthProperties properties) {
		// through a provider, so that this always-loaded class names no Thymeleaf-bound
		// type in
		// a signature
		return new AccountMailer(outbox, templates.getObject(), properties.templates());
	}

	@Bean
	@ConditionalOnMissingBean
	BackgroundTasks jwtAllAuthBackgroundTasks() {
		return new BackgroundTasks(2, 1_000, Duration.ofMillis(100), Duration.ofMillis(150));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = JAVA_MAIL_SENDER_CLASS)
	static final class JavaMailDeliveryConfiguration {

		// Decided when the bean is created rather than by a condition, so the order in
		// which Boot's mail auto-configuration is processed cannot matter.
		@Bean
		@ConditionalOnMissingBean(MailDelivery.class)
		MailDelivery jwtAllAuthMailDelivery(ObjectProvider<JavaMailSender> senders, JwtAllAuthProperties properties) {
			JavaMailSender sender = senders.getIfUnique();
			return (sender != null) ? new JavaMailDelivery(sender, properties.mail().from())
					: new LoggingMailDelivery();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(JAVA_MAIL_SENDER_CLASS)
	static final class LoggingMailDeliveryConfiguration {

		@Bean
		@ConditionalOnMissingBean(MailDelivery.class)
		MailDelivery jwtAllAuthMailDelivery() {
			return new LoggingMailDelivery("Spring's mail support (spring-boot-starter-mail) is not on the classpath "
					+ "and there is no MailDelivery bean: jwt-allauth writes its mails to this log instead of "
					+ "sending them. Add it and set spring.mail.host, or declare a MailDelivery bean, in production.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = THYMELEAF_CLASS)
	static final class TemplatesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtAllAuthTemplates jwtAllAuthTemplates(ObjectProvider<MessageSource> messageSource) {
			return new JwtAllAuthTemplates(messageSource.getIfAvailable(StaticMessageSource::new));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(THYMELEAF_CLASS)
	static final class NoTemplatesConfiguration {

		@Bean
		MailTemplatesUnavailable jwtAllAuthMailTemplatesUnavailable(JwtAllAuthProperties properties,
				ObjectProvider<AccountMailer> mailer) {
			return new MailTemplatesUnavailable(properties.emailVerification(), properties.registration(),
					mailer.getIfAvailable() != null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EntityManagerFactory.class)
	static final class OutboxConfiguration {

		@Bean
		@ConditionalOnMissingBean(MailOutbox.class)
		JpaMailOutbox jwtAllAuthMailOutbox(EntityManager entityManager, PlatformTransactionManager transactionManager,
				ObjectProvider<Clock> clock) {
			return new JpaMailOutbox(entityManager, new TransactionTemplate(transactionManager),
					clock.getIfUnique(Clock::systemUTC));
		}

		/**
		 * How long sent mails stay in the outbox table, for diagnosis, before the purge
		 * deletes them.
		 */
		static final Duration SENT_MAIL_RETENTION = Duration.ofDays(7);

		@Bean
		@ConditionalOnBean(JpaMailOutbox.class)
		PurgeTask jwtAllAuthSentMailPurge(JpaMailOutbox outbox, ObjectProvider<Clock> clock) {
			Clock source = clock.getIfUnique(Clock::systemUTC);
			return (batchSize) -> outbox.deleteSentBefore(source.instant().minus(SENT_MAIL_RETENTION), batchSize);
		}

		@Bean
		@ConditionalOnBean(JpaMailOutbox.class)
		@ConditionalOnMissingBean
		OutboxMailSender jwtAllAuthOutboxMailSender(JpaMailOutbox outbox, MailDelivery delivery,
				ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observationRegistry) {
			return new OutboxMailSender(outbox, delivery, clock.getIfUnique(Clock::systemUTC),
					observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		}

		@Bean
		@ConditionalOnBean(JpaMailOutbox.class)
		@ConditionalOnMissingBean
		OutboxBacklog jwtAllAuthOutboxBacklog(JpaMailOutbox outbox, ObjectProvider<Clock> clock) {
			return new OutboxBacklog(outbox, OutboxMailSender.MAX_ATTEMPTS, clock.getIfUnique(Clock::systemUTC));
		}

	}

}
