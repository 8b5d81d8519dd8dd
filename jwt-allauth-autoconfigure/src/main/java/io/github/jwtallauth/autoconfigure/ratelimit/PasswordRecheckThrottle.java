package io.github.jwtallauth.autoconfigure.ratelimit;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Brute-force protection of the places where a signed-in user's password is checked again
 * (the old password of a password change, the password that turns MFA off): without it a
 * stolen access token would be an unlimited password oracle. Wrong passwords are counted
 * like failed logins, with the same rates
 * ({@code jwtallauth.rate-limit.login-per-account}, per user, and {@code login-per-ip})
 * in buckets of their own, so that a mistyped old password does not lock the user out of
 * login.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordRecheckThrottle {

	static final String PER_IP = "recheck-ip";

	static final String PER_ACCOUNT = "recheck-account";

	private final LoginThrottle counts;

	PasswordRecheckThrottle(RateLimiter limiter, JwtAllAuthProperties.RateLimit limits) {
		this.counts = new LoginThrottle(limiter, limits, PER_IP, PER_ACCOUNT);
	}

	/**
	 * Check a password under the limits: refused with 429 while they are spent, whatever
	 * the password; a wrong one is charged to the user and the client IP.
	 * @param userId the user whose password is checked
	 * @param ip the client IP, if known
	 * @param check checks the password
	 * @return whether the password was right
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public boolean check(String userId, @Nullable String ip, BooleanSupplier check) {
		attempt(userId, ip);
		boolean right;
		try {
			right = check.getAsBoolean();
		}
		catch (RuntimeException ex) {
			// not a guess: the password could not be checked
			checked(userId, ip, true);
			throw ex;
		}
		checked(userId, ip, right);
		return right;
	}

	/**
	 * Take an attempt before a password is checked, for callers that must do more between
	 * the two; follow it with {@link #checked}.
	 * @param userId the user whose password is about to be checked
	 * @param ip the client IP, if known
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void attempt(String userId, @Nullable String ip) {
		this.counts.attempt(userId, ip);
	}

	/**
	 * Settle an attempt: a right password (or one that was not checked) gives its charges
	 * back, a wrong one keeps them.
	 * @param userId the user whose password was checked
	 * @param ip the client IP, if known
	 * @param right whether the password was right, or was not checked
	 */
	public void checked(String userId, @Nullable String ip, boolean right) {
		if (right) {
			this.counts.succeeded(userId, ip);
		}
		else {
			this.counts.failed(userId, ip);
		}
	}

}
