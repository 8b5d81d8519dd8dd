package io.github.jwtallauth.autoconfigure.ratelimit;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Limits, per client IP ({@code jwtallauth.rate-limit.mail-requests-per-ip}; IPv6 by
 * /64), the requests that make jwt-allauth send mail or create accounts: password reset,
 * resend-verification and sign-up. The per-address limits stop a flood aimed at one
 * mailbox; this one stops a client cycling through addresses, which would otherwise only
 * meet the background queue's bound.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class MailRequestThrottle {

	static final String FAMILY = "mail-requests-ip";

	private final RateLimiter limiter;

	private final JwtAllAuthProperties.RateLimit limits;

	MailRequestThrottle(RateLimiter limiter, JwtAllAuthProperties.RateLimit limits) {
		this.limiter = limiter;
		this.limits = limits;
	}

	/**
	 * Count a request against its client IP.
	 * @param ip the client IP, as the {@code ClientIpResolver} found it, or {@code null}
	 * to count nothing
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void take(@Nullable String ip) {
		if (!this.limits.enabled()) {
			return;
		}
		if (ip == null) {
			return;
		}
		RateLimiter.Decision decision = this.limiter.tryConsume(FAMILY, LoginThrottle.network(ip),
				this.limits.mailRequestsPerIp());
		if (!decision.allowed()) {
			throw JwtAllAuthException.throttled(decision.retryAfter());
		}
	}

}
