package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Duration;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

/**
 * Auto-configuration of jwt-allauth's mail: the transactional outbox, its background
 * sender, and the delivery, over SMTP when Boot has a {@code JavaMailSender}
 * ({@code spring.mail.host} set), into the log otherwise, so that an application without
 * mail settings still starts.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { MailSenderAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthMailAutoConfiguration {

	// Decided when the bean is created rather than by a condition, so the order in which
	// Boot's mail
	// auto-configuration is processed cannot matter.
	@Bean
	@ConditionalOnMissingBean(MailDelivery.class)
	MailDelivery jwtAllAuthMailDelivery(ObjectProvider<JavaMailSender> senders, JwtAllAuthProperties properties) {
		JavaMailSender sender = senders.getIfUnique();
		return (sender != null) ? new JavaMailDelivery(sender, properties.mail().from()) : new LoggingMailDelivery();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtAllAuthTemplates jwtAllAuthTemplates(ObjectProvider<MessageSource> messageSource) {
		return new JwtAllAuthTemplates(messageSource.getIfAvailable(StaticMessageSource::new));
	}

	@Bean
	@ConditionalOnBean(MailOutbox.class)
	@ConditionalOnMissingBean
	AccountMailer jwtAllAuthAccountMailer(MailOutbox outbox, JwtAllAuthTemplates templates,
			JwtAllAuthProperties properties) {
		return new AccountMailer(outbox, templates, properties.templates());
	}

	@Bean
	@ConditionalOnMissingBean
	BackgroundTasks jwtAllAuthBackgroundTasks() {
		return new BackgroundTasks(2, 1_000, Duration.ofMillis(100), Duration.ofMillis(150));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EntityManagerFactory.class)
	static class OutboxConfiguration {

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
				ObjectProvider<Clock> clock) {
			return new OutboxMailSender(outbox, delivery, clock.getIfUnique(Clock::systemUTC));
		}

	}

}
