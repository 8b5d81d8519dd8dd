package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Brute-force protection of the password check: failed logins are counted per client IP
 * ({@code jwtallauth.rate-limit.login-per-ip}) and per e-mail address
 * ({@code login-per-account}), whether or not the address has an account. While either count is
 * spent every attempt answers 429, the right password included, so a guesser learns nothing from
 * the answer; a success resets nothing.
 *
 * @author jwt-allauth contributors
 */
public class LoginThrottle {

	static final String PER_IP = "login-ip";

	static final String PER_ACCOUNT = "login-account";

	private final RateLimiter limiter;

	private final JwtAllAuthProperties.RateLimit limits;

	public LoginThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		this.limiter = limiter;
		this.limits = properties.rateLimit();
	}

	/**
	 * Refuse an attempt while its IP or address has no failures left.
	 * @param email the normalized address as sent
	 * @param ip the client IP, if known
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void check(String email, @Nullable String ip) {
		if (!this.limits.enabled()) {
			return;
		}
		Duration wait = Duration.ZERO;
		if (ip != null) {
			wait = max(wait, this.limiter.check(PER_IP, ip, this.limits.loginPerIp()));
		}
		wait = max(wait, this.limiter.check(PER_ACCOUNT, email, this.limits.loginPerAccount()));
		if (!wait.isZero()) {
			throw JwtAllAuthException.throttled(wait);
		}
	}

	/**
	 * Count a failed attempt against its IP and address.
	 * @param email the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void failed(String email, @Nullable String ip) {
		if (!this.limits.enabled()) {
			return;
		}
		if (ip != null) {
			this.limiter.tryConsume(PER_IP, ip, this.limits.loginPerIp());
		}
		this.limiter.tryConsume(PER_ACCOUNT, email, this.limits.loginPerAccount());
	}

	private static Duration max(Duration current, RateLimiter.Decision decision) {
		if (decision.allowed()) {
			return current;
		}
		Duration wait = decision.retryAfter().isZero() ? Duration.ofSeconds(1) : decision.retryAfter();
		return (wait.compareTo(current) > 0) ? wait : current;
	}

}
