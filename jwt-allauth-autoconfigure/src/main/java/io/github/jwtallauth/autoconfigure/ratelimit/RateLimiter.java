package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import io.github.jwtallauth.autoconfigure.Rate;

/**
 * Counts events per key against a {@link Rate}. Callers name a bucket family
 * ({@code reset-mail}, say) and a key inside it (an e-mail address); how the counts are
 * kept is the implementation's business, so a shared backend (JDBC, Redis) can replace
 * the in-memory default without touching a caller. Declare a bean of this type to replace
 * jwt-allauth's Bucket4j limiter.
 *
 * @author jwt-allauth contributors
 */
public interface RateLimiter {

	/**
	 * Give back a token taken by {@link #tryConsume}: for limits that count failures
	 * only, whose token is taken before the attempt (so that concurrent attempts cannot
	 * all slip through) and returned when it succeeds.
	 * @param family the kind of event
	 * @param key what is limited
	 * @param rate the limit
	 */
	void refund(String family, String key, Rate rate);

	/**
	 * Take one token from the bucket of a key.
	 * @param family the kind of event, e.g. {@code password-reset}
	 * @param key what is limited, e.g. an e-mail address
	 * @param rate the limit
	 * @return whether the event is allowed, and if not, when it would be
	 */
	Decision tryConsume(String family, String key, Rate rate);

	/**
	 * The answer of a {@link RateLimiter}.
	 *
	 * @param allowed whether the event may happen
	 * @param retryAfter when not allowed, how long until it would be
	 */
	record Decision(boolean allowed, Duration retryAfter) {

		/** An allowed event. */
		public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

	}

}
