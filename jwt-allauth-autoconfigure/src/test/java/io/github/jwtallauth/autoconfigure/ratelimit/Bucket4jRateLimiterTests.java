package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.Rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The in-memory limiter and the rate syntax.
 */
class Bucket4jRateLimiterTests {

	@Test
	void tryConsumeWhenAllowanceSpentThenRefusedWithTheWaitAndOtherKeysUnaffected() {
		Bucket4jRateLimiter limiter = Bucket4jRateLimiter.inMemory(1000);
		Rate rate = Rate.valueOf("3/1m");
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryConsume("reset", "a@example.com", rate).allowed()).isTrue();
		}
		RateLimiter.Decision refused = limiter.tryConsume("reset", "a@example.com", rate);
		assertThat(refused.allowed()).isFalse();
		// greedy refill: one token every 20 s
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
		assertThat(limiter.tryConsume("reset", "b@example.com", rate).allowed()).isTrue();
		assertThat(limiter.tryConsume("mail", "a@example.com", rate).allowed()).isTrue();
	}

	@Test
	void valueOfWhenWellFormedThenParsedElseRefused() {
		assertThat(Rate.valueOf("5/1m")).isEqualTo(new Rate(5, Duration.ofMinutes(1)));
		assertThat(Rate.valueOf(" 10 / 30s ")).isEqualTo(new Rate(10, Duration.ofSeconds(30)));
		assertThat(Rate.valueOf("1/3m").toString()).isEqualTo("1/3m");
		for (String bad : new String[] { "5", "0/1m", "-1/1m", "5/0s", "five/1m", "5/1m/2", "5/soon" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Rate.valueOf(bad));
		}
	}

}
