package io.github.jwtallauth.autoconfigure.ratelimit;

import io.github.jwtallauth.autoconfigure.Rate;

/**
 * Allows everything: stands in for the Bucket4j limiter when Bucket4j is missing and
 * {@code jwtallauth.rate-limit.enabled=false}, where the throttles and flows still need a
 * {@link RateLimiter} but never consult it.
 *
 * @author jwt-allauth contributors
 */
final class UnlimitedRateLimiter implements RateLimiter {

	@Override
	public void refund(String family, String key, Rate rate) {
	}

	@Override
	public Decision tryConsume(String family, String key, Rate rate) {
		return Decision.ALLOWED;
	}

}
