package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Brute-force protection of the password check: failed logins are counted per client IP
 * ({@code jwtallauth.rate-limit.login-per-ip}) and per e-mail address
 * ({@code login-per-account}; IPv6 clients by their /64), whether or not the address has an account.
 * While either count is spent every attempt answers 429, the right password included, so a guesser
 * learns nothing from the answer; a success gives back only its own attempt and forgives no failure.
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
	 * Take an attempt from the IP's and the address's allowance, or refuse it when either is spent.
	 * The attempt is charged before the password is checked, so that concurrent guesses cannot all
	 * pass a check made before any of them failed; {@link #succeeded} gives it back.
	 * @param email the normalized address as sent
	 * @param ip the client IP, if known
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void attempt(String email, @Nullable String ip) {
		if (!this.limits.enabled()) {
			return;
		}
		String network = (ip != null) ? network(ip) : null;
		RateLimiter.Decision byIp = (network != null) ? this.limiter.tryConsume(PER_IP, network, this.limits.loginPerIp())
				: RateLimiter.Decision.ALLOWED;
		RateLimiter.Decision byAccount = this.limiter.tryConsume(PER_ACCOUNT, email, this.limits.loginPerAccount());
		if (byIp.allowed() && byAccount.allowed()) {
			return;
		}
		// a refused attempt costs nothing: give back what the other limit took
		if (byIp.allowed() && network != null) {
			this.limiter.refund(PER_IP, network, this.limits.loginPerIp());
		}
		if (byAccount.allowed()) {
			this.limiter.refund(PER_ACCOUNT, email, this.limits.loginPerAccount());
		}
		throw JwtAllAuthException.throttled(max(max(Duration.ZERO, byIp), byAccount));
	}

	/**
	 * Give back the attempt of a login whose password was right: only failures count.
	 * @param email the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void succeeded(String email, @Nullable String ip) {
		if (!this.limits.enabled()) {
			return;
		}
		String network = (ip != null) ? network(ip) : null;
		if (network != null) {
			this.limiter.refund(PER_IP, network, this.limits.loginPerIp());
		}
		this.limiter.refund(PER_ACCOUNT, email, this.limits.loginPerAccount());
	}

	// An IPv6 client usually holds a whole /64: count the network, not the address it picked.
	static String network(String ip) {
		if (ip.indexOf(':') < 0) {
			return ip;
		}
		try {
			byte[] address = java.net.InetAddress.getByName(ip).getAddress();
			if (address.length != 16) {
				return ip;
			}
			return java.util.HexFormat.of().formatHex(address, 0, 8) + "::/64";
		}
		catch (java.net.UnknownHostException | SecurityException ex) {
			return ip;
		}
	}

	private static Duration max(Duration current, RateLimiter.Decision decision) {
		if (decision.allowed()) {
			return current;
		}
		Duration wait = decision.retryAfter().isZero() ? Duration.ofSeconds(1) : decision.retryAfter();
		return (wait.compareTo(current) > 0) ? wait : current;
	}

}
