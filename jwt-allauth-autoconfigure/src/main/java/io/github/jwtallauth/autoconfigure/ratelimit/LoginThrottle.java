package io.github.jwtallauth.autoconfigure.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Brute-force protection of the password check: failed logins are counted per client IP
 * ({@code jwtallauth.rate-limit.login-per-ip}; IPv6 clients by their /64) and per e-mail
 * address ({@code login-per-account}), whether or not the address has an account. While
 * either count is spent every attempt answers 429, the right password included, so a
 * guesser learns nothing from the answer; a success forgives no failure.
 * <p>
 * Both counts are charged before the password is checked, so that guesses sent all at
 * once cannot all pass a check made before any of them failed, and a right password gives
 * its charges back. Many people behind one address (an office, a mobile carrier) logging
 * in at the same moment with the right passwords must not be refused because their
 * attempts were in flight together: an attempt that finds the IP's allowance taken only
 * by attempts still being checked waits for them to finish (a right one gives its token
 * back) instead of being refused.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class LoginThrottle {

	static final String PER_IP = "login-ip";

	static final String PER_ACCOUNT = "login-account";

	/** Longest an attempt waits for the attempts in flight from its network. */
	static final Duration MAX_WAIT = Duration.ofSeconds(5);

	private static final long POLL_MILLIS = 10;

	private final RateLimiter limiter;

	private final boolean enabled;

	private final Rate perIp;

	private final Rate perAccount;

	private final String ipFamily;

	private final String accountFamily;

	// attempts of this instance being checked, per network: the tokens they hold may come
	// back
	private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

	LoginThrottle(RateLimiter limiter, JwtAllAuthProperties.RateLimit limits) {
		this(limiter, limits, PER_IP, PER_ACCOUNT);
	}

	LoginThrottle(RateLimiter limiter, JwtAllAuthProperties.RateLimit limits, String ipFamily, String accountFamily) {
		this.limiter = limiter;
		this.enabled = limits.enabled();
		this.perIp = limits.loginPerIp();
		this.perAccount = limits.loginPerAccount();
		this.ipFamily = ipFamily;
		this.accountFamily = accountFamily;
	}

	/**
	 * Take an attempt from the IP's and the account's allowances before the password is
	 * checked, waiting while the IP's is held by attempts in flight; refuse it when
	 * either is spent. Follow it with {@link #succeeded}, {@link #failed} or
	 * {@link #aborted}.
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
			reserve(network);
		}
		RateLimiter.Decision byAccount;
		try {
			byAccount = this.limiter.tryConsume(this.accountFamily, account, this.perAccount);
		}
		catch (RuntimeException ex) {
			// the store failed (unavailable): this attempt is no longer in flight
			if (network != null) {
				release(network, false);
			}
			throw ex;
		}
		if (!byAccount.allowed()) {
			if (network != null) {
				// refused before the password was looked at: the IP's token goes back
				release(network, true);
			}
			throw throttled(byAccount);
		}
	}

	/**
	 * Give back both charges of a check whose password was right: only failures count.
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void succeeded(String account, @Nullable String ip) {
		if (!this.enabled) {
			return;
		}
		this.limiter.refund(this.accountFamily, account, this.perAccount);
		if (ip != null) {
			release(network(ip), true);
		}
	}

	/**
	 * Keep both charges of a wrong password.
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void failed(String account, @Nullable String ip) {
		if (!this.enabled || ip == null) {
			return;
		}
		release(network(ip), false);
	}

	/**
	 * Check a password under the limits: take the attempt, run the check, then settle it.
	 * A wrong password ({@code incorrect_credentials}) keeps its charges; a right one
	 * (the check returns, or refuses the account for another reason, which needs the
	 * right password) and a check that failed with an error give them back.
	 * @param <T> what the check returns
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 * @param passwordCheck checks the password, throwing {@code incorrect_credentials}
	 * when it is wrong
	 * @return what the check returned
	 * @throws JwtAllAuthException 429 {@code throttled}, or what the check threw
	 */
	public <T> T check(String account, @Nullable String ip, Supplier<T> passwordCheck) {
		attempt(account, ip);
		T result;
		try {
			result = passwordCheck.get();
		}
		catch (JwtAllAuthException ex) {
			if (ex.getErrorCode() == ErrorCode.INCORRECT_CREDENTIALS) {
				failed(account, ip);
			}
			else {
				succeeded(account, ip);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			aborted(account, ip);
			throw ex;
		}
		succeeded(account, ip);
		return result;
	}

	/**
	 * Give back both charges of an attempt whose password could not be checked (an
	 * error).
	 * @param account the normalized address as sent
	 * @param ip the client IP, if known
	 */
	public void aborted(String account, @Nullable String ip) {
		succeeded(account, ip);
	}

	private void reserve(String network) {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while (true) {
			RateLimiter.Decision decision = this.limiter.tryConsume(this.ipFamily, network, this.perIp);
			if (decision.allowed()) {
				this.inFlight.merge(network, 1, Integer::sum);
				return;
			}
			boolean othersInFlight = this.inFlight.containsKey(network);
			if (!othersInFlight) {
				// the last one may have given its token back between the two looks
				decision = this.limiter.tryConsume(this.ipFamily, network, this.perIp);
				if (decision.allowed()) {
					this.inFlight.merge(network, 1, Integer::sum);
					return;
				}
			}
			if (!othersInFlight || System.nanoTime() > deadline) {
				throw throttled(decision);
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw throttled(decision);
			}
		}
	}

	private void release(String network, boolean refund) {
		try {
			if (refund) {
				this.limiter.refund(this.ipFamily, network, this.perIp);
			}
		}
		finally {
			// even when the refund failed, or a later attempt would wait for this one in
			// vain
			this.inFlight.computeIfPresent(network, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	// An IPv6 client usually holds a whole /64: count the network, not the address it
	// picked.
	static String network(String ip) {
		if (ip.indexOf(':') < 0) {
			return ip;
		}
		try {
			byte[] address = InetAddress.getByName(ip).getAddress();
			if (address.length != 16) {
				return ip;
			}
			return HexFormat.of().formatHex(address, 0, 8) + "::/64";
		}
		catch (UnknownHostException | SecurityException ex) {
			return ip;
		}
	}

	private static JwtAllAuthException throttled(RateLimiter.Decision decision) {
		Duration wait = decision.retryAfter().isZero() ? Duration.ofSeconds(1) : decision.retryAfter();
		return JwtAllAuthException.throttled(wait);
	}

}
