package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same limits with {@code jwtallauth.rate-limit.backend=jdbc}: the counts live in the
 * database, so another instance (or this one after a restart) sees them.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.rate-limit.login-per-ip=10/1m", "jwtallauth.rate-limit.login-per-account=5/5m",
				"jwtallauth.rate-limit.mail-requests-per-ip=3/1m", "jwtallauth.sessions.trusted-proxies=127.0.0.1",
				"jwtallauth.rate-limit.backend=jdbc" })
public class JdbcBruteForceTests extends BruteForceTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RateLimiter limiter;

	@Test
	void bucketsWhenKeptInTheDatabaseThenASecondInstanceSeesThem() {
		assertThat(this.limiter).isInstanceOf(Bucket4jRateLimiter.class);
		Rate rate = Rate.valueOf("2/1h");
		String key = "shared-" + UUID.randomUUID();
		assertThat(this.limiter.tryConsume("test", key, rate).allowed()).isTrue();
		assertThat(this.limiter.tryConsume("test", key, rate).allowed()).isTrue();
		// another instance: a new limiter over the same table
		RateLimiter other = Bucket4jRateLimiter.distributed(new JdbcBucketStore(this.jdbc, Clock.systemUTC()));
		RateLimiter.Decision refused = other.tryConsume("test", key, rate);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive();
		assertThat(other.tryConsume("test", key, rate).allowed()).isFalse();
		assertThat(other.tryConsume("test", "fresh-" + key, rate).allowed()).isTrue();
		// keys are stored hashed, never as given
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_rate_limit where id like ?",
				Integer.class, "%" + key + "%"))
			.isZero();
	}

}
