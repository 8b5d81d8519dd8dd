package io.github.jwtallauth.autoconfigure.account;

import java.time.Clock;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Auto-configuration of jwt-allauth's user store, password handling and bootstrap
 * administrator.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthAccountAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PasswordEncoder jwtAllAuthPasswordEncoder() {
		DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// a hash without an {id} prefix is one imported from Django (or nothing valid)
		encoder.setDefaultPasswordEncoderForMatches(new DjangoPasswordEncoder());
		return encoder;
	}

	@Bean
	@ConditionalOnMissingBean
	TokenSubjectFactory jwtAllAuthTokenSubjectFactory(JwtAllAuthProperties properties,
			ObjectProvider<JwtAllAuthTokenCustomizer> customizers) {
		// deprecated TokenClaimsCustomizer beans are JwtAllAuthTokenCustomizers too, so
		// both kinds share one @Order
		return new TokenSubjectFactory(properties.userAttributes(), customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	PasswordAuthenticator jwtAllAuthPasswordAuthenticator(AccountService accounts, PasswordEncoder passwordEncoder,
			JwtAllAuthProperties properties) {
		return new PasswordAuthenticator(accounts, passwordEncoder,
				properties.emailVerification() == JwtAllAuthProperties.EmailVerification.MANDATORY);
	}

	@Bean
	@ConditionalOnBean(OneTimeTokenStore.class)
	@ConditionalOnMissingBean
	LinkTokens jwtAllAuthLinkTokens(OneTimeTokenStore store, ObjectProvider<Clock> clock) {
		return new LinkTokens(store, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	// Conditioned on the address alone: a condition resolves its properties strictly and
	// quotes the
	// value in its error, which for the password would put part of it in the log.
	@ConditionalOnProperty(prefix = "jwtallauth.bootstrap", name = "admin-email")
	BootstrapAdministrator jwtAllAuthBootstrapAdministrator(AccountService accounts, PasswordEncoder passwordEncoder,
			JwtAllAuthProperties properties) {
		return new BootstrapAdministrator(accounts, passwordEncoder, properties.bootstrap().adminEmail(),
				properties.bootstrap().adminPassword());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = CommonPasswords.ZXCVBN_CLASS)
	static class CommonPasswordsConfiguration {

		@Bean
		@ConditionalOnMissingBean(PasswordPolicy.class)
		DefaultPasswordPolicy jwtAllAuthPasswordPolicy(JwtAllAuthProperties properties) {
			return new DefaultPasswordPolicy(properties.password().minLength(), true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(CommonPasswords.ZXCVBN_CLASS)
	static class NoCommonPasswordsConfiguration {

		private static final Log logger = LogFactory.getLog(JwtAllAuthAccountAutoConfiguration.class);

		@Bean
		@ConditionalOnMissingBean(PasswordPolicy.class)
		DefaultPasswordPolicy jwtAllAuthPasswordPolicy(JwtAllAuthProperties properties) {
			logger.warn("zxcvbn4j (com.nulab-inc:zxcvbn) is not on the classpath: the default password policy "
					+ "does not refuse common passwords. Add it, or declare a PasswordPolicy bean of your own.");
			return new DefaultPasswordPolicy(properties.password().minLength(), false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EntityManagerFactory.class)
	static class JpaAccountConfiguration {

		@Bean
		@ConditionalOnMissingBean(AccountService.class)
		JpaAccountService jwtAllAuthAccountService(EntityManager entityManager,
				PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
			return new JpaAccountService(entityManager, new TransactionTemplate(transactionManager),
					clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnMissingBean(OneTimeTokenStore.class)
		JpaOneTimeTokenStore jwtAllAuthOneTimeTokenStore(EntityManager entityManager,
				PlatformTransactionManager transactionManager) {
			return new JpaOneTimeTokenStore(entityManager, new TransactionTemplate(transactionManager));
		}

	}

}
