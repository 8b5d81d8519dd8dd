package io.github.jwtallauth.autoconfigure.ratelimit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.actuate.JwtAllAuthActuatorAutoConfiguration;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The redis backend's auto-configuration: built on Boot's Lettuce connection factory when
 * the libraries are there, without touching Redis at start-up; a start-up failure naming
 * what to add when they are not; and the health indicator of the store.
 */
class RateLimitAutoConfigurationTests {

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.full()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, JwtAllAuthActuatorAutoConfiguration.class))
		.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-rate-limit-redis",
				"jwtallauth.public-base-url=https://accounts.example.com", "spring.data.redis.timeout=500ms",
				"spring.data.redis.connect-timeout=500ms");

	@Test
	void redisBackendWhenLibrariesPresentThenBucketsInRedisAndStartsWithoutIt() {
		this.runner
			.withPropertyValues("jwtallauth.rate-limit.backend=redis",
					"spring.data.redis.url=" + RedisUnderTest.closedPortUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(RedisBucketStore.class)
					.hasSingleBean(RateLimitStoreProbe.class)
					.doesNotHaveBean(JdbcBucketStore.class)
					.hasBean("jwtAllAuthRateLimitHealthIndicator");
				RateLimiter limiter = context.getBean(RateLimiter.class);
				assertThat(limiter).isInstanceOf(Bucket4jRateLimiter.class);
				// fails closed: no count, no answer
				assertThatExceptionOfType(JwtAllAuthException.class)
					.isThrownBy(() -> limiter.tryConsume("test", "key", Rate.valueOf("1/1m")))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
				HealthIndicator health = context.getBean("jwtAllAuthRateLimitHealthIndicator", HealthIndicator.class);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void redisBackendWhenRedisAnswersThenHealthUp() {
		assumeThat(RedisUnderTest.available()).as("a Redis to reach").isTrue();
		this.runner
			.withPropertyValues("jwtallauth.rate-limit.backend=redis", "spring.data.redis.url=" + RedisUnderTest.url())
			.run((context) -> {
				HealthIndicator health = context.getBean("jwtAllAuthRateLimitHealthIndicator", HealthIndicator.class);
				Health up = health.health(true);
				assertThat(up.getStatus()).as(up.getDetails().toString()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("backend", "redis");
			});
	}

	@Test
	void redisBackendWhenLettuceSupportOfBucket4jMissingThenStartUpFailsSayingWhatToAdd() {
		this.runner.withPropertyValues("jwtallauth.rate-limit.backend=redis")
			.withClassLoader(new FilteredClassLoader("io.github.bucket4j.redis"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwtallauth.rate-limit.backend")
				.hasMessageContaining("com.bucket4j:bucket4j_jdk17-lettuce")
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void redisBackendWhenSpringDataRedisMissingThenStartUpFailsSayingWhatToAdd() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAllAuthRateLimitAutoConfiguration.class))
			.withPropertyValues("jwtallauth.rate-limit.backend=redis")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void redisBackendWhenNoLettuceConnectionFactoryThenStartUpFailsNamingIt() {
		AutoConfigurationRunners.full()
			.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-rate-limit-redis",
					"jwtallauth.public-base-url=https://accounts.example.com", "jwtallauth.rate-limit.backend=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Lettuce connection factory"));
	}

	@Test
	void memoryBackendWhenRedisLibrariesPresentThenNoRedisStoreAndNoStoreHealth() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(RedisBucketStore.class)
				.doesNotHaveBean(RateLimitStoreProbe.class)
				.doesNotHaveBean("jwtAllAuthRateLimitHealthIndicator");
		});
	}

	@Test
	void jdbcBackendThenStoreHealthFollowsTheTableAndIsDisabledOnRequest() {
		this.runner.withPropertyValues("jwtallauth.rate-limit.backend=jdbc").run((context) -> {
			HealthIndicator health = context.getBean("jwtAllAuthRateLimitHealthIndicator", HealthIndicator.class);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(health.health(true).getDetails()).containsEntry("backend", "jdbc");
		});
		this.runner
			.withPropertyValues("jwtallauth.rate-limit.backend=jdbc",
					"management.health.jwtallauth-rate-limit.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RateLimitStoreProbe.class)
				.doesNotHaveBean("jwtAllAuthRateLimitHealthIndicator"));
	}

}
