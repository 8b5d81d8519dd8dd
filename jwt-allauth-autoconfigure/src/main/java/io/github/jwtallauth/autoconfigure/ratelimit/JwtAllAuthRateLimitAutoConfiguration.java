package io.github.jwtallauth.autoconfigure.ratelimit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of jwt-allauth's rate limiter: in memory, per instance, unless the application
 * declares its own {@link RateLimiter}.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration
public final class JwtAllAuthRateLimitAutoConfiguration {

	/** Buckets kept at most: a flood of distinct keys costs bounded memory. */
	static final long MAXIMUM_BUCKETS = 100_000;

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	Bucket4jRateLimiter jwtAllAuthRateLimiter() {
		return new Bucket4jRateLimiter(MAXIMUM_BUCKETS);
	}

}
