package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.Rate;

/**
 * Brute-force protection of the password check: failed logins are counted per client IP
 * ({@code jwtallauth.rate-limit.login-per-ip}; IPv6 clients by their /64) and per e-mail address
 * ({@code login-per-account}), whether or not the address has an account. While either count is
 * spent every attempt answers 429, the right password included, so a guesser learns nothing from the
 * answer; a success forgives no failure.
 * <p>
 * The two counts are kept differently on purpose. The account's attempt is taken before the password
 * is checked and given back on success, so that guesses sent all at once cannot all pass a check made
 * before any of them failed. The IP's count is only looked at before the check and charged after a
 * failure: many people behind one address (an office, a mobile carrier) logging in at the same moment
 * with the right passwords are never refused because their attempts were in flight together.
 *
 * @author jwt-allauth contributors
 */
public class LoginThrottle {

	static final String PER_IP = "login-ip";

	static final String PER_ACCOUNT = "login-account";

	private final RateLimiter limiter;

	private final boolean enabled;

	private final Rate perIp;

	private final Rate perAccount;

	private final String ipFamily;

	private final String accountFamily;

	public LoginThrottle(RateLimiter limiter, JwtAllAuthProperties properties) {
		this(limiter, properties, PER_IP, PER_ACCOUNT);
	}

	LoginThrottle(RateLimiter limiter, JwtAllAuthProperties properties, String ipFamily, String accountFamily) {
		this.limiter = limiter;
		this.enabled = properties.rateLimit().enabled();
		this.perIp = properties.rateLimit().loginPerIp();
		this.perAccount = properties.rateLimit().loginPerAccount();
		this.ipFamily = ipFamily;
		this.accountFamily = accountFamily;
	}

	/**
	 * Take an attempt from the account's allowance, after making sure that the IP's allowance is not
	 * spent; refuse it when either is. Follow it with {@link #succeeded} or {@link #failed}.
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void attempt(String account, @Nullable String ip) {
		if (!this.enabled) {
			return;
		}
		String network = (ip != null) ? network(ip) : null;
		if (network != null) {
			RateLimiter.Decision byIp = this.limiter.check(this.ipFamily, network, this.perIp);
			if (!byIp.allowed()) {
				throw throttled(byIp);
			}
		}
		RateLimiter.Decision byAccount = this.limiter.tryConsume(this.accountFamily, account, this.perAccount);
		if (!byAccount.allowed()) {
			throw throttled(byAccount);
		}
	}

	/**
	 * Give back the account's attempt of a check whose password was right: only failures count.
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void succeeded(String account, @Nullable String ip) {
		if (!this.enabled) {
			return;
		}
		this.limiter.refund(this.accountFamily, account, this.perAccount);
	}

	/**
	 * Charge a wrong password to the client IP (the account paid in {@link #attempt}).
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void failed(String account, @Nullable String ip) {
		if (!this.enabled || ip == null) {
			return;
		}
		// may find the bucket already empty when failures race: the next attempt is refused anyway
		this.limiter.tryConsume(this.ipFamily, network(ip), this.perIp);
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

	private static JwtAllAuthException throttled(RateLimiter.Decision decision) {
		Duration wait = decision.retryAfter().isZero() ? Duration.ofSeconds(1) : decision.retryAfter();
		return JwtAllAuthException.throttled(wait);
	}

}
