package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RateLimitBackend;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

/**
 * Auto-configuration of jwt-allauth's rate limiter
 * ({@code jwtallauth.rate-limit.backend}): Bucket4j buckets in memory by default, or in
 * the application's database ({@code jdbc}) or in Redis ({@code redis}, through Spring
 * Boot's Lettuce connection factory) when several instances share the load. An
 * application's own {@link RateLimiter} bean replaces it. Without Bucket4j on the
 * classpath, start-up fails unless there is such a bean or the limits are off
 * ({@code jwtallauth.rate-limit.enabled=false}).
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = JwtAllAuthRateLimitAutoConfiguration.REDIS_AUTO_CONFIGURATION_CLASS)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthRateLimitAutoConfiguration {

	/** A class of Bucket4j, to test for its presence. */
	static final String BUCKET4J_CLASS = "io.github.bucket4j.Bucket";

	/** Bucket4j's Redis support over Lettuce, to test for its presence. */
	static final String BUCKET4J_LETTUCE_CLASS = "io.github.bucket4j.redis.lettuce.Bucket4jLettuce";

	/** Spring Data Redis's Lettuce connection factory, to test for its presence. */
	static final String LETTUCE_CONNECTION_FACTORY_CLASS = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	/** Spring Boot's Redis auto-configuration, which makes the connection factory. */
	static final String REDIS_AUTO_CONFIGURATION_CLASS = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

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
				ObjectProvider<JdbcBucketStore> store, ObjectProvider<SharedBucketStore> shared,
				ResourceLoader resourceLoader) {
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
				case REDIS -> {
					SharedBucketStore redis = shared.getIfAvailable();
					if (redis == null || !"redis".equals(redis.name())) {
						throw new InvalidConfigurationPropertyValueException("jwtallauth.rate-limit.backend", "redis",
								redisMissing(resourceLoader.getClassLoader()));
					}
					yield Bucket4jRateLimiter.distributed(redis);
				}
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

		@Bean
		@ConditionalOnBean(JdbcBucketStore.class)
		RateLimitStoreProbe jwtAllAuthRateLimitStoreProbe(JdbcBucketStore store) {
			return new RateLimitStoreProbe(store);
		}

		private static String redisMissing(@Nullable ClassLoader classLoader) {
			if (!ClassUtils.isPresent(BUCKET4J_LETTUCE_CLASS, classLoader)
					|| !ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY_CLASS, classLoader)) {
				return "the redis backend runs on Bucket4j's Lettuce support and Spring Boot's Redis support, "
						+ "which are not on the classpath: add com.bucket4j:bucket4j_jdk17-lettuce and "
						+ "org.springframework.boot:spring-boot-starter-data-redis, or use memory or jdbc";
			}
			return "the redis backend needs Spring Boot's Lettuce connection factory (spring.data.redis.*, "
					+ "with spring.data.redis.client-type=lettuce, the default); none was found";
		}

	}

	// Its own class: it names Lettuce and Spring Data Redis types, which are optional.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { BUCKET4J_CLASS, BUCKET4J_LETTUCE_CLASS, LETTUCE_CONNECTION_FACTORY_CLASS })
	@ConditionalOnProperty(name = "jwtallauth.rate-limit.backend", havingValue = "redis")
	static final class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(LettuceConnectionFactory.class)
		RedisBucketStore jwtAllAuthRedisBucketStore(LettuceConnectionFactory connectionFactory) {
			// the client is asked for on first use: the factory hands it out once started
			return new RedisBucketStore(connectionFactory::getRequiredNativeClient, RedisBucketStore.KEY_PREFIX);
		}

		@Bean
		@ConditionalOnBean(RedisBucketStore.class)
		RateLimitStoreProbe jwtAllAuthRateLimitStoreProbe(RedisBucketStore store) {
			return new RateLimitStoreProbe(store);
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
