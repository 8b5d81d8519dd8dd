package io.github.jwtallauth.autoconfigure.flows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.OneTimeToken;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.mail.BackgroundTasks;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter;

/**
 * Password reset by mail. A request is limited per address, then answered at once:
 * looking the address up and writing the mail happen on a background thread, so a known
 * and an unknown address get the same answer in the same time. Only an active account
 * that has a password gets a link (an invited account that never set one does not);
 * requesting again replaces the previous link, and any credential change kills it.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordResetService {

	private static final Log logger = LogFactory.getLog(PasswordResetService.class);

	static final String RATE_LIMIT_FAMILY = "password-reset";

	private final AccountService accounts;

	private final LinkTokens links;

	private final AccountMailer mailer;

	private final RateLimiter rateLimiter;

	private final TransactionTemplate transaction;

	private final BackgroundTasks tasks;

	private final JwtAllAuthProperties.RateLimit rateLimit;

	private final Duration resetTimeout;

	PasswordResetService(AccountService accounts, LinkTokens links, AccountMailer mailer, RateLimiter rateLimiter,
			TransactionTemplate transaction, BackgroundTasks tasks, JwtAllAuthProperties.RateLimit rateLimit,
			Duration resetTimeout) {
		this.accounts = accounts;
		this.links = links;
		this.mailer = mailer;
		this.rateLimiter = rateLimiter;
		this.transaction = transaction;
		this.tasks = tasks;
		this.rateLimit = rateLimit;
		this.resetTimeout = resetTimeout;
	}

	/**
	 * Ask for a reset link.
	 * @param email the normalized address
	 * @param linkBase the absolute URL of jwt-allauth's base path, which the link starts
	 * with
	 * @param locale the language of the mail
	 * @throws JwtAllAuthException 429 {@code throttled} when the address asked too often
	 */
	public void request(String email, String linkBase, Locale locale) {
		if (this.rateLimit.enabled()) {
			RateLimiter.Decision decision = this.rateLimiter.tryConsume(RATE_LIMIT_FAMILY, email,
					this.rateLimit.resetPerAddress());
			if (!decision.allowed()) {
				throw JwtAllAuthException.throttled(decision.retryAfter());
			}
		}
		this.tasks.submit(() -> sendLink(email, linkBase, locale), "Password reset request");
	}

	void sendLink(String email, String linkBase, Locale locale) {
		try {
			this.transaction.executeWithoutResult((status) -> this.accounts.findByEmail(email)
				.filter(PasswordResetService::canReset)
				.ifPresent((user) -> {
					String token = this.links.issue(user.getId(), OneTimeTokenPurpose.PASSWORD_RESET,
							this.resetTimeout);
					this.mailer.sendPasswordReset(user,
							linkBase + "/password/reset/confirm/" + encodeUid(user.getId()) + "/" + token, locale);
				}));
		}
		catch (RuntimeException ex) {
			logger.error("Password reset mail could not be queued", ex);
		}
	}

	/**
	 * Check a reset link. The link is not spent: mail scanners may open it, and the user
	 * may open it again, until a password is set or it expires.
	 * @param uid the user part of the link
	 * @param token the token part of the link
	 * @return the user, if the link is live
	 */
	public Optional<UserAccount> checkLink(String uid, String token) {
		String userId = decodeUid(uid);
		if (userId == null || !OneTimeTokens.isWellFormed(token)) {
			return Optional.empty();
		}
		Optional<OneTimeToken> found = this.links.store().find(OneTimeTokens.hash(token), this.links.now());
		if (found.isEmpty() || found.get().purpose() != OneTimeTokenPurpose.PASSWORD_RESET
				|| !found.get().userId().equals(userId)) {
			return Optional.empty();
		}
		return this.accounts.findById(userId).filter(PasswordResetService::canReset);
	}

	private static boolean canReset(UserAccount user) {
		return user.isActive() && user.getPassword() != null;
	}

	static String encodeUid(String userId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(userId.getBytes(StandardCharsets.UTF_8));
	}

	static @Nullable String decodeUid(String uid) {
		if (uid.isEmpty() || uid.length() > 128) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(uid), StandardCharsets.UTF_8);
			return decoded.isEmpty() ? null : decoded;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
