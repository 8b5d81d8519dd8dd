package io.github.jwtallauth.autoconfigure.session;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.TokenSubjectFactory;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeScheduler;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of jwt-allauth's device sessions: the store, its schema, rotation
 * rules and purge job, and client information.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		JwtAllAuthTokenAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
@Import(JwtAllAuthEntityPackages.Registrar.class)
public final class JwtAllAuthSessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClientIpResolver.class)
	TrustedProxiesClientIpResolver jwtAllAuthClientIpResolver(JwtAllAuthProperties properties) {
		return new TrustedProxiesClientIpResolver(properties.sessions().trustedProxies());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionService jwtAllAuthSessionService(SessionStore store, TokenService tokens, AccountService accounts,
			TokenSubjectFactory subjects, PlatformTransactionManager transactionManager,
			ApplicationEventPublisher events, JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
		return new SessionService(store, tokens, accounts, subjects, new TransactionTemplate(transactionManager),
				events, properties.jwt(), properties.sessions(),
				properties.emailVerification() == JwtAllAuthProperties.EmailVerification.MANDATORY,
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	PurgeScheduler jwtAllAuthSessionPurgeScheduler(JwtAllAuthProperties properties, ObjectProvider<PurgeTask> tasks) {
		return new PurgeScheduler(properties.sessions().purgeInterval(), () -> tasks.orderedStream().toList());
	}

	@Bean
	PurgeTask jwtAllAuthSessionPurge(SessionService sessions) {
		return sessions::purgeBatch;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EntityManagerFactory.class)
	static class JpaSessionStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionStore.class)
		JpaSessionStore jwtAllAuthSessionStore(EntityManager entityManager) {
			return new JpaSessionStore(entityManager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = UapUserAgentParser.PARSER_CLASS)
	static class UserAgentParsingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeviceInfoResolver jwtAllAuthDeviceInfoResolver(JwtAllAuthProperties properties,
				ClientIpResolver clientIpResolver) {
			return new DeviceInfoResolver(properties.sessions().collectUserAgent(), clientIpResolver, true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(UapUserAgentParser.PARSER_CLASS)
	static class NoUserAgentParsingConfiguration {

		private static final Log logger = LogFactory.getLog(JwtAllAuthSessionAutoConfiguration.class);

		@Bean
		@ConditionalOnMissingBean
		DeviceInfoResolver jwtAllAuthDeviceInfoResolver(JwtAllAuthProperties properties,
				ClientIpResolver clientIpResolver) {
			boolean collect = properties.sessions().collectUserAgent();
			if (collect) {
				logger.warn("jwtallauth.sessions.collect-user-agent is on but uap-java (com.github.ua-parser:uap-java) "
						+ "is not on the classpath: User-Agent parsing is off. Sessions record the client IP and the "
						+ "raw User-Agent; browser, os and device stay null.");
			}
			return new DeviceInfoResolver(collect, clientIpResolver, false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnBooleanProperty(name = "jwtallauth.schema-migration.enabled", matchIfMissing = true)
	static class SchemaMigrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JwtAllAuthSchemaMigrator jwtAllAuthSchemaMigrator(DataSource dataSource) {
			return new JwtAllAuthSchemaMigrator(dataSource);
		}

	}

}
