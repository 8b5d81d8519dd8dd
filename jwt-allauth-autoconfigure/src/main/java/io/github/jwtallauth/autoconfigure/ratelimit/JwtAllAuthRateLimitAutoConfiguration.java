package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Clock;

import javax.sql.DataSource;

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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RateLimitBackend;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

/**
 * Auto-configuration of jwt-allauth's rate limiter
 * ({@code jwtallauth.rate-limit.backend}): Bucket4j buckets in memory by default, or in
 * the application's database ({@code jdbc}) when several instances share the load. An
 * application's own {@link RateLimiter} bean replaces it. Without Bucket4j on the
 * classpath, start-up fails unless there is such a bean or the limits are off
 * ({@code jwtallauth.rate-limit.enabled=false}).
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthRateLimitAutoConfiguration {

	/** A class of Bucket4j, to test for its presence. */
	static final String BUCKET4J_CLASS = "io.github.bucket4j.Bucket";

	/** Buckets kept in memory at most: a flood of distinct keys costs bounded memory. */
	static final long MAXIMUM_BUCKETS = 100_000;

	@Bean
	@ConditionalOnMissingBean
	LoginThrottle jwtAllAuthLoginThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new LoginThrottle(limiter, properties.rateLimit());
	}

	@Bean
	@ConditionalOnMissingBean
	PasswordRecheckThrottle jwtAllAuthPasswordRecheckThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new PasswordRecheckThrottle(limiter, properties.rateLimit());
	}

	@Bean
	@ConditionalOnMissingBean
	MailRequestThrottle jwtAllAuthMailRequestThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new MailRequestThrottle(limiter, properties.rateLimit());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BUCKET4J_CLASS)
	static final class Bucket4jConfiguration {

		@Bean
		@ConditionalOnMissingBean(RateLimiter.class)
		Bucket4jRateLimiter jwtAllAuthRateLimiter(JwtAllAuthProperties properties,
				ObjectProvider<JdbcBucketStore> store) {
			RateLimitBackend backend = properties.rateLimit().backend();
			return switch (backend) {
				case MEMORY -> Bucket4jRateLimiter.inMemory(MAXIMUM_BUCKETS);
				case JDBC -> {
					JdbcBucketStore jdbc = store.getIfAvailable();
					if (jdbc == null) {
						throw new InvalidConfigurationPropertyValueException("jwtallauth.rate-limit.backend", "jdbc",
								"the jdbc backend needs a DataSource");
					}
					yield Bucket4jRateLimiter.distributed(jdbc);
				}
				case REDIS -> throw new InvalidConfigurationPropertyValueException("jwtallauth.rate-limit.backend",
						"redis", "no Redis backend in this version: use memory or jdbc, or declare a RateLimiter bean");
			};
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(DataSource.class)
		@ConditionalOnProperty(name = "jwtallauth.rate-limit.backend", havingValue = "jdbc")
		JdbcBucketStore jwtAllAuthJdbcBucketStore(DataSource dataSource,
				ObjectProvider<PlatformTransactionManager> transactionManager) {
			// Bucket4j refills on the system clock: the rows' expiry must follow the same
			// clock
			return new JdbcBucketStore(new JdbcTemplate(dataSource), Clock.systemUTC(),
					transactionManager.getIfUnique());
		}

		@Bean
		@ConditionalOnBean(JdbcBucketStore.class)
		PurgeTask jwtAllAuthRateLimitPurge(JdbcBucketStore store) {
			return store::deleteFull;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(BUCKET4J_CLASS)
	static final class NoBucket4jConfiguration {

		private static final Log logger = LogFactory.getLog(JwtAllAuthRateLimitAutoConfiguration.class);

		@Bean
		@ConditionalOnMissingBean(RateLimiter.class)
		RateLimiter jwtAllAuthRateLimiter(JwtAllAuthProperties properties) {
			if (properties.rateLimit().enabled()) {
				// never let the limits switch themselves off
				throw new InvalidConfigurationPropertyValueException("jwtallauth.rate-limit.enabled", true,
						"the rate limits run on Bucket4j (com.bucket4j:bucket4j_jdk17-core), which is not on the "
								+ "classpath: add it (jwt-allauth-starter brings it), declare a RateLimiter bean, "
								+ "or set jwtallauth.rate-limit.enabled=false");
			}
			logger.info("Bucket4j is not on the classpath and jwtallauth.rate-limit.enabled=false: no rate limits.");
			return new UnlimitedRateLimiter();
		}

	}

}
