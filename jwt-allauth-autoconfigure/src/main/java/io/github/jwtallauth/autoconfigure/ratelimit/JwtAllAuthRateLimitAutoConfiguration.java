package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RateLimitBackend;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

/**
 * Auto-configuration of jwt-allauth's rate limiter
 * ({@code jwtallauth.rate-limit.backend}): Bucket4j buckets in memory by default, or in
 * the application's database ({@code jdbc}) when several instances share the load. An
 * application's own {@link RateLimiter} bean replaces it.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class,
		io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthRateLimitAutoConfiguration {

	/** Buckets kept in memory at most: a flood of distinct keys costs bounded memory. */
	static final long MAXIMUM_BUCKETS = 100_000;

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	Bucket4jRateLimiter jwtAllAuthRateLimiter(JwtAllAuthProperties properties, ObjectProvider<JdbcBucketStore> store) {
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
			case REDIS -> throw new InvalidConfigurationPropertyValueException("jwtallauth.rate-limit.backend", "redis",
					"no Redis backend in this version: use memory or jdbc, or declare a RateLimiter bean");
		};
	}

	@Bean
	@ConditionalOnMissingBean
	LoginThrottle jwtAllAuthLoginThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new LoginThrottle(limiter, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PasswordRecheckThrottle jwtAllAuthPasswordRecheckThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new PasswordRecheckThrottle(limiter, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MailRequestThrottle jwtAllAuthMailRequestThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		return new MailRequestThrottle(limiter, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnBean(DataSource.class)
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "jwtallauth.rate-limit.backend",
			havingValue = "jdbc")
	JdbcBucketStore jwtAllAuthJdbcBucketStore(DataSource dataSource,
			ObjectProvider<org.springframework.transaction.PlatformTransactionManager> transactionManager) {
		// Bucket4j refills on the system clock: the rows' expiry must follow the same
		// clock
		return new JdbcBucketStore(new JdbcTemplate(dataSource), Clock.systemUTC(), transactionManager.getIfUnique());
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnBean(JdbcBucketStore.class)
	PurgeTask jwtAllAuthRateLimitPurge(JdbcBucketStore store) {
		return store::deleteFull;
	}

}
