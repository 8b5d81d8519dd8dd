package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.EmailAlreadyRegisteredException;
import io.github.jwtallauth.autoconfigure.account.EmailVerifiedEvent;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.OneTimeToken;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.mail.BackgroundTasks;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter;

/**
 * E-mail verification: sends the verification mail and the "account already exists"
 * notice (both drawing on one allowance per address,
 * {@code jwtallauth.rate-limit.mail-per-address}), resends the verification mail on
 * request, and follows verification and invitation links.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class EmailVerificationService {

	private static final Log logger = LogFactory.getLog(EmailVerificationService.class);

	static final String RATE_LIMIT_FAMILY = "account-mail";

	/** Path of verification and invitation links under the base path; the key follows. */
	public static final String LINK_PATH = "/registration/verification/";

	private final AccountService accounts;

	private final LinkTokens links;

	private final AccountMailer mailer;

	private final RateLimiter rateLimiter;

	private final TransactionTemplate transaction;

	private final BackgroundTasks tasks;

	private final ApplicationEventPublisher events;

	private final JwtAllAuthProperties.RateLimit rateLimit;

	private final Duration expiry;

	private final boolean invitationsOpen;

	EmailVerificationService(AccountService accounts, LinkTokens links, AccountMailer mailer, RateLimiter rateLimiter,
			TransactionTemplate transaction, BackgroundTasks tasks, ApplicationEventPublisher events,
			JwtAllAuthProperties.RateLimit rateLimit, Duration expiry, boolean invitationsOpen) {
		this.accounts = accounts;
		this.links = links;
		this.mailer = mailer;
		this.rateLimiter = rateLimiter;
		this.transaction = transaction;
		this.tasks = tasks;
		this.events = events;
		this.rateLimit = rateLimit;
		this.expiry = expiry;
		this.invitationsOpen = invitationsOpen;
	}

	/**
	 * Take one mail from an address's allowance (verification mails and "account already
	 * exists" notices share it). Call it before the transaction that queues the mail:
	 * with {@code rate-limit.backend=jdbc} the count is written on a connection of its
	 * own, which a caller already holding one would wait for.
	 * @param email the normalized address
	 * @return whether a mail may be sent
	 */
	public boolean takeMailAllowance(String email) {
		return mailAllowance(email).allowed();
	}

	/**
	 * In the caller's transaction, issue a verification link and queue its mail; the
	 * allowance was taken before ({@link #takeMailAllowance}).
	 * @param user the user whose address is to be verified
	 * @param linkBase the absolute URL of jwt-allauth's base path
	 * @param locale the language of the mail
	 */
	public void queueVerification(UserAccount user, String linkBase, Locale locale) {
		String key = this.links.issue(user.getId(), OneTimeTokenPurpose.EMAIL_VERIFICATION, this.expiry);
		this.mailer.sendVerification(user, linkBase + LINK_PATH + key, locale);
	}

	/**
	 * Sign-up under mandatory verification, in one transaction that ends before the
	 * answer: a free address gets its account and a verification mail, a taken one a
	 * notice to its owner. Both paths read the address and write the mail outbox, so
	 * neither the answer nor its timing tells the caller which it was; the account exists
	 * as soon as the caller hears back.
	 * @param account the account to create, its password already hashed
	 * @param linkBase the absolute URL of jwt-allauth's base path
	 * @param locale the language of the mail
	 */
	public void registerHidden(NewAccount account, String linkBase, Locale locale) {
		// one allowance for whichever mail it turns out to be, taken whatever the address
		boolean mail = takeMailAllowance(account.email());
		UserAccount created;
		try {
			created = this.transaction.execute((status) -> {
				Optional<UserAccount> existing = this.accounts.findByEmail(account.email());
				if (existing.isPresent()) {
					if (mail) {
						this.mailer.sendAccountExists(existing.get(), locale);
					}
					return null;
				}
				UserAccount user = this.accounts.create(account);
				if (mail) {
					queueVerification(user, linkBase, locale);
				}
				return user;
			});
		}
		catch (EmailAlreadyRegisteredException ex) {
			// a concurrent sign-up took the address between the read and the write:
			// answered alike
			return;
		}
		if (created != null) {
			this.events.publishEvent(new AccountRegisteredEvent(created.getId()));
		}
	}

	/**
	 * Send the verification mail again. Limited per address whether or not it has an
	 * account, and answered at once: the lookup and the mail happen in the background.
	 * @param email the normalized address
	 * @param linkBase the absolute URL of jwt-allauth's base path
	 * @param locale the language of the mail
	 * @throws JwtAllAuthException 429 {@code throttled} when the allowance is spent
	 */
	public void resend(String email, String linkBase, Locale locale) {
		RateLimiter.Decision decision = mailAllowance(email);
		if (!decision.allowed()) {
			throw JwtAllAuthException.throttled(decision.retryAfter());
		}
		this.tasks.submit(() -> resendNow(email, linkBase, locale), "Verification resend");
	}

	private void resendNow(String email, String linkBase, Locale locale) {
		try {
			this.transaction.executeWithoutResult((status) -> this.accounts.findByEmail(email)
				.filter((user) -> user.isActive() && !user.isEmailVerified() && user.getPassword() != null)
				.ifPresent((user) -> {
					String key = this.links.issue(user.getId(), OneTimeTokenPurpose.EMAIL_VERIFICATION, this.expiry);
					this.mailer.sendVerification(user, linkBase + LINK_PATH + key, locale);
				}));
		}
		catch (RuntimeException ex) {
			logger.error("Verification mail could not be queued", ex);
		}
	}

	private RateLimiter.Decision mailAllowance(String email) {
		return this.rateLimit.enabled()
				? this.rateLimiter.tryConsume(RATE_LIMIT_FAMILY, email, this.rateLimit.mailPerAddress())
				: RateLimiter.Decision.ALLOWED;
	}

	/**
	 * Follow a verification or invitation link. A verification link is spent; an
	 * invitation link stays usable until the invited user has set a password, so that a
	 * mail scanner opening it first does not lock the user out.
	 * @param key the key of the link
	 * @return what the link did
	 */
	public LinkOutcome follow(String key) {
		if (!OneTimeTokens.isWellFormed(key)) {
			return LinkOutcome.FAILED;
		}
		String hash = OneTimeTokens.hash(key);
		LinkOutcome outcome = this.transaction.execute((status) -> {
			Optional<OneTimeToken> token = this.links.store().find(hash, this.links.now());
			if (token.isEmpty()) {
				return LinkOutcome.FAILED;
			}
			Optional<UserAccount> user = this.accounts.findById(token.get().userId()).filter(UserAccount::isActive);
			if (user.isEmpty()) {
				return LinkOutcome.FAILED;
			}
			String userId = user.get().getId();
			switch (token.get().purpose()) {
				case EMAIL_VERIFICATION -> {
					if (!this.links.store().spend(hash, OneTimeTokenPurpose.EMAIL_VERIFICATION, this.links.now())) {
						return LinkOutcome.FAILED;
					}
					this.accounts.markEmailVerified(userId);
					return new LinkOutcome(LinkOutcome.Kind.VERIFIED, userId);
				}
				case INVITATION -> {
					if (!this.invitationsOpen) {
						return LinkOutcome.FAILED;
					}
					// the invitee proved the mailbox; the password comes through the
					// set-password form
					this.accounts.markEmailVerified(userId);
					return new LinkOutcome((user.get().getPassword() != null) ? LinkOutcome.Kind.VERIFIED
							: LinkOutcome.Kind.INVITATION, userId);
				}
				default -> {
					// a reset token or a capability is not a verification key
					return LinkOutcome.FAILED;
				}
			}
		});
		if (outcome == null) {
			return LinkOutcome.FAILED;
		}
		if (outcome.kind() != LinkOutcome.Kind.FAILED && outcome.userId() != null) {
			this.events.publishEvent(new EmailVerifiedEvent(outcome.userId()));
		}
		return outcome;
	}

	/**
	 * What following a link did.
	 *
	 * @param kind the outcome
	 * @param userId the user the link belonged to, when it worked
	 */
	public record LinkOutcome(Kind kind, @Nullable String userId) {

		static final LinkOutcome FAILED = new LinkOutcome(Kind.FAILED, null);

		/** The outcomes. */
		public enum Kind {

			/** The address is verified; show the verified page. */
			VERIFIED,

			/** An invitation: hand out the set-password capability. */
			INVITATION,

			/**
			 * Invalid, expired, spent or not a verification key: show the failure page.
			 */
			FAILED

		}

	}

}
