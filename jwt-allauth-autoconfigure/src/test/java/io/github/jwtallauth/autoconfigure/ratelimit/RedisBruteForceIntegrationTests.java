package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same limits with {@code jwtallauth.rate-limit.backend=redis}: the counts live in
 * Redis, so another instance sees them, and Redis forgets a bucket once it is full again.
 */
@RedisUnderTest.Requires
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.rate-limit.login-per-ip=10/1m", "jwtallauth.rate-limit.login-per-account=5/5m",
				"jwtallauth.rate-limit.mail-requests-per-ip=3/1m", "jwtallauth.sessions.trusted-proxies=127.0.0.1",
				"jwtallauth.rate-limit.backend=redis", "spring.data.redis.timeout=2s",
				"spring.data.redis.connect-timeout=2s" })
class RedisBruteForceIntegrationTests extends BruteForceTests {

	@Autowired
	RateLimiter limiter;

	@Autowired
	JwtAllAuthProperties properties;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", RedisUnderTest::url);
	}

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(RedisUnderTest.url());
		this.connection = this.client.connect();
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void bucketsWhenKeptInRedisThenASecondInstanceSeesThemAndRedisForgetsThemWhenFull() {
		assertThat(this.limiter).isInstanceOf(Bucket4jRateLimiter.class);
		Rate rate = Rate.valueOf("2/1h");
		String key = "shared-" + UUID.randomUUID();
		assertThat(this.limiter.tryConsume("test", key, rate).allowed()).isTrue();
		assertThat(this.limiter.tryConsume("test", key, rate).allowed()).isTrue();
		// another instance: a new limiter over its own connection
		RedisBucketStore otherStore = new RedisBucketStore(() -> this.client, RedisBucketStore.KEY_PREFIX);
		try {
			RateLimiter other = Bucket4jRateLimiter.distributed(otherStore);
			RateLimiter.Decision refused = other.tryConsume("test", key, rate);
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.retryAfter()).isPositive();
			assertThat(other.tryConsume("test", "fresh-" + key, rate).allowed()).isTrue();
		}
		finally {
			otherStore.destroy();
		}
		RedisCommands<String, String> redis = this.connection.sync();
		String stored = RedisBucketStore.KEY_PREFIX + OneTimeTokens.hash("test\n" + rate + "\n" + key);
		assertThat(redis.exists(stored)).isEqualTo(1);
		// gone once the bucket would be full again: two tokens of an hour, plus a second
		assertThat(Duration.ofMillis(redis.pttl(stored))).isPositive()
			.isLessThanOrEqualTo(Duration.ofHours(1).plusSeconds(1));
		// keys are stored hashed, never as given
		assertThat(redis.keys("*" + key + "*")).isEmpty();
	}

	@Test
	void loginWhenFailuresSpreadOverTwoInstancesThenTheAccountIsLockedOnBoth() {
		String prefix = "jwtallauth-test:" + UUID.randomUUID() + ":";
		RedisBucketStore first = new RedisBucketStore(() -> this.client, prefix);
		RedisClient otherClient = RedisClient.create(RedisUnderTest.url());
		RedisBucketStore second = new RedisBucketStore(() -> otherClient, prefix);
		try {
			LoginThrottle one = new LoginThrottle(Bucket4jRateLimiter.distributed(first), this.properties.rateLimit());
			LoginThrottle two = new LoginThrottle(Bucket4jRateLimiter.distributed(second), this.properties.rateLimit());
			String account = "user-" + UUID.randomUUID() + "@example.com";
			for (int i = 0; i < 5; i++) {
				LoginThrottle instance = (i % 2 == 0) ? one : two;
				assertThatExceptionOfType(JwtAllAuthException.class)
					.isThrownBy(() -> instance.check(account, randomIp(), () -> {
						throw new JwtAllAuthException(ErrorCode.INCORRECT_CREDENTIALS);
					}))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INCORRECT_CREDENTIALS));
			}
			for (LoginThrottle instance : new LoginThrottle[] { one, two }) {
				assertThatExceptionOfType(JwtAllAuthException.class)
					.isThrownBy(() -> instance.check(account, randomIp(), () -> "the right password"))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.THROTTLED));
			}
			assertThat(this.connection.sync().keys(prefix + "*")).isNotEmpty();
		}
		finally {
			first.destroy();
			second.destroy();
			otherClient.shutdown();
		}
	}

}
