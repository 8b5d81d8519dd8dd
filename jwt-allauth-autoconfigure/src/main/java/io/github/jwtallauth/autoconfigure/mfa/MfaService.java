package io.github.jwtallauth.autoconfigure.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;

/**
 * Multi-factor authentication with TOTP: enrolment, the login and setup challenges,
 * recovery codes, deactivation, and the limits on wrong codes. Every wrong code counts
 * against its challenge ({@code challenge-max-attempts}) and its user
 * ({@code max-attempts} within {@code lockout}); the counts are rows in the database, so
 * they survive a restart and are shared by every instance. Declare a bean of this type to
 * change the rules.
 *
 * @author jwt-allauth contributors
 */
public class MfaService {

	/** How long a login or setup challenge lives. */
	public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	/** How long an enrolment waits for its activation code. */
	public static final Duration SETUP_LIFETIME = Duration.ofMinutes(5);

	/** Recovery codes handed out at a time. */
	public static final int RECOVERY_CODES = 10;

	static final String LOGIN = "login";

	static final String SETUP = "setup";

	private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
		.getLog(MfaService.class);

	private final MfaStore store;

	private final TotpService totp;

	private final SecretCipher cipher;

	private final AccountService accounts;

	private final PasswordAuthenticator passwords;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final JwtAllAuthProperties.Mfa settings;

	private final @Nullable PasswordRecheckThrottle recheck;

	// ZXing is optional: without it an enrolment carries no QR code, and the client
	// renders the provisioning URI or shows the secret
	private boolean qrCodes = ClassUtils.isPresent(QrCodes.ZXING_CLASS, MfaService.class.getClassLoader());

	public MfaService(MfaStore store, TotpService totp, SecretCipher cipher, AccountService accounts,
			PasswordAuthenticator passwords, TransactionTemplate transaction, ApplicationEventPublisher events,
			JwtAllAuthProperties properties, Clock clock) {
		this(store, totp, cipher, accounts, passwords, transaction, events, properties, clock, null);
	}

	/**
	 * Create the service.
	 * @param store the MFA tables
	 * @param totp checks TOTP codes
	 * @param cipher encrypts TOTP secrets
	 * @param accounts the user store
	 * @param passwords checks passwords
	 * @param transaction runs the changes that must stick together
	 * @param events publishes MFA events
	 * @param properties the MFA settings
	 * @param clock the time
	 * @param recheck limits wrong passwords on deactivation like failed logins, or
	 * {@code null}
	 */
	public MfaService(MfaStore store, TotpService totp, SecretCipher cipher, AccountService accounts,
			PasswordAuthenticator passwords, TransactionTemplate transaction, ApplicationEventPublisher events,
			JwtAllAuthProperties properties, Clock clock, @Nullable PasswordRecheckThrottle recheck) {
		this.recheck = recheck;
		this.store = store;
		this.totp = totp;
		this.cipher = cipher;
		this.accounts = accounts;
		this.passwords = passwords;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
		this.settings = properties.mfa();
	}

	/**
	 * Set whether an enrolment carries its URI as an SVG QR code, drawn with ZXing, which
	 * must then be on the classpath. On by default when ZXing is there.
	 * @param qrCodes whether to draw QR codes
	 */
	public void setQrCodes(boolean qrCodes) {
		this.qrCodes = qrCodes;
	}

	/**
	 * Return the mode.
	 * @return {@code jwtallauth.mfa.mode}
	 */
	public MfaMode mode() {
		return this.settings.mode();
	}

	/**
	 * The MFA gate, on every path that opens a session for a user who proved a password
	 * or a mailbox: an enrolled user gets a login challenge, an unenrolled user in
	 * {@code required} mode a setup challenge, anybody else nothing.
	 * @param user the user about to get a session
	 * @return the challenge answer, or {@code null} when the session may open
	 * @throws JwtAllAuthException 429 {@code throttled} while the user's MFA is locked
	 */
	public @Nullable Map<String, Object> challenge(UserAccount user) {
		if (mode() == MfaMode.DISABLED) {
			return null;
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		if (this.store.hasConfirmedTotp(user.getId())) {
			checkLock(user.getId());
			answer.put("mfa_required", true);
			answer.put("challenge_id", newChallenge(user.getId(), LOGIN));
			return answer;
		}
		if (mode() == MfaMode.REQUIRED) {
			answer.put("mfa_setup_required", true);
			answer.put("setup_challenge_id", newChallenge(user.getId(), SETUP));
			return answer;
		}
		return null;
	}

	private String newChallenge(String userId, String kind) {
		String id = OneTimeTokens.newToken();
		Instant now = now();
		this.store.saveChallenge(OneTimeTokens.hash(id), userId, kind, now, now.plus(CHALLENGE_LIFETIME));
		return id;
	}

	/**
	 * Refuse when MFA is disabled.
	 * @throws JwtAllAuthException 403 {@code mfa_disabled}
	 */
	public void requireEnabled() {
		if (mode() == MfaMode.DISABLED) {
			throw new JwtAllAuthException(ErrorCode.MFA_DISABLED);
		}
	}

	/**
	 * Return the user a live setup challenge belongs to.
	 * @param challengeId the setup challenge id
	 * @return the user id
	 * @throws JwtAllAuthException 400 {@code mfa_challenge_invalid}
	 */
	public String userOfSetupChallenge(String challengeId) {
		return liveChallenge(challengeId, SETUP).userId();
	}

	private MfaStore.Challenge liveChallenge(String challengeId, String kind) {
		if (!OneTimeTokens.isWellFormed(challengeId)) {
			throw challengeInvalid();
		}
		return this.store
			.liveChallenge(OneTimeTokens.hash(challengeId), kind, this.settings.challengeMaxAttempts(), now())
			.orElseThrow(MfaService::challengeInvalid);
	}

	/**
	 * Start an enrolment: a new secret, kept encrypted for {@link #SETUP_LIFETIME} until
	 * activated.
	 * @param user the user
	 * @return the secret, its URI and QR code (without ZXing, no QR code)
	 * @throws JwtAllAuthException 400 {@code mfa_already_active}
	 */
	public Enrolment setup(UserAccount user) {
		requireEnabled();
		if (this.store.hasConfirmedTotp(user.getId())) {
			throw new JwtAllAuthException(ErrorCode.MFA_ALREADY_ACTIVE);
		}
		String secret = this.totp.newSecret();
		String sealed = this.cipher.encrypt(secret, user.getId());
		try {
			this.transaction
				.executeWithoutResult((status) -> this.store.replacePendingTotp(user.getId(), sealed, now()));
		}
		catch (org.springframework.dao.DataIntegrityViolationException ex) {
			// a concurrent setup (a double click) won the row: take it over
			this.transaction
				.executeWithoutResult((status) -> this.store.replacePendingTotp(user.getId(), sealed, now()));
		}
		String uri = this.totp.provisioningUri(secret, user.getEmail(), this.settings.issuer());
		return new Enrolment(secret, uri, this.qrCodes ? QrCodes.svg(uri) : null);
	}

	/**
	 * Finish an enrolment with a code from the app, spending the setup challenge that
	 * stood in for a session (in the same transaction: a failure keeps it).
	 * @param userId the user
	 * @param code the code
	 * @param setupChallengeId the setup challenge, or {@code null} for an authenticated
	 * user
	 * @return the recovery codes, shown once
	 * @throws JwtAllAuthException 400 {@code mfa_setup_not_started},
	 * {@code mfa_invalid_code}, {@code mfa_challenge_invalid}; 429
	 */
	public List<String> activate(String userId, String code, @Nullable String setupChallengeId) {
		requireEnabled();
		if (setupChallengeId != null && !liveChallenge(setupChallengeId, SETUP).userId().equals(userId)) {
			throw challengeInvalid();
		}
		String challengeHash = (setupChallengeId != null) ? OneTimeTokens.hash(setupChallengeId) : null;
		Instant now = now();
		MfaStore.Authenticator pending = this.store.authenticator(userId, MfaStore.TOTP)
			.filter((authenticator) -> !authenticator.confirmed())
			.filter((authenticator) -> authenticator.created().isAfter(now.minus(SETUP_LIFETIME)))
			.orElseThrow(() -> new JwtAllAuthException(ErrorCode.MFA_SETUP_NOT_STARTED));
		int attempt = chargeAttempt(userId, challengeHash);
		String secret = decrypt(pending.secret(), userId);
		OptionalLong step = (secret != null) ? this.totp.matchingStep(secret, code, now) : OptionalLong.empty();
		if (step.isEmpty()) {
			throw failure(userId, attempt);
		}
		List<String> codes = this.transaction.execute((status) -> {
			if (challengeHash != null && !this.store.useChallenge(challengeHash, now)) {
				throw challengeInvalid();
			}
			if (!this.store.confirmTotp(pending.id(), step.getAsLong(), now)) {
				throw new JwtAllAuthException(ErrorCode.MFA_SETUP_NOT_STARTED);
			}
			// enrolled: no other setup challenge of this user may start an enrolment any
			// more
			this.store.deleteChallenges(userId, SETUP);
			return newRecoveryCodes(userId, now);
		});
		this.store.clearFailures(userId);
		this.events.publishEvent(new MfaEnabledEvent(userId));
		return (codes != null) ? codes : List.of();
	}

	/**
	 * Answer a login challenge.
	 * @param challengeId the login challenge id
	 * @param code a TOTP code, or a recovery code
	 * @param recoveryCode whether {@code code} is a recovery code (which is then spent)
	 * @return the user, whose session may open
	 * @throws JwtAllAuthException 400 {@code mfa_challenge_invalid},
	 * {@code mfa_invalid_code}; 429
	 */
	public UserAccount verify(String challengeId, String code, boolean recoveryCode) {
		requireEnabled();
		MfaStore.Challenge challenge = liveChallenge(challengeId, LOGIN);
		String userId = challenge.userId();
		String hash = OneTimeTokens.hash(challengeId);
		int attempt = chargeAttempt(userId, hash);
		boolean accepted = recoveryCode ? spendRecoveryCode(userId, code) : acceptTotp(userId, code);
		if (!accepted) {
			throw failure(userId, attempt);
		}
		if (!this.store.useChallenge(hash, now())) {
			throw challengeInvalid();
		}
		this.store.clearFailures(userId);
		UserAccount user = this.accounts.findById(userId)
			.filter(UserAccount::isActive)
			.orElseThrow(MfaService::challengeInvalid);
		this.events.publishEvent(new MfaVerifiedEvent(userId));
		return user;
	}

	/**
	 * Replace a user's recovery codes, proved with a current TOTP code.
	 * @param userId the user
	 * @param code a TOTP code
	 * @return the new codes; the old ones no longer work
	 */
	public List<String> regenerateRecoveryCodes(String userId, String code) {
		requireEnabled();
		requireActive(userId);
		int attempt = chargeAttempt(userId, null);
		if (!acceptTotp(userId, code)) {
			throw failure(userId, attempt);
		}
		this.store.clearFailures(userId);
		List<String> codes = this.transaction.execute((status) -> newRecoveryCodes(userId, now()));
		return (codes != null) ? codes : List.of();
	}

	/**
	 * Turn MFA off for a user: needs the password and a TOTP or recovery code.
	 * @param user the user
	 * @param password the current password
	 * @param code a TOTP code or a recovery code
	 * @param clientIp the client's IP, which wrong passwords are also counted against, if
	 * known
	 * @throws JwtAllAuthException 403 {@code mfa_required_mode}; 400; 429
	 */
	public void deactivate(UserAccount user, String password, String code, @Nullable String clientIp) {
		requireEnabled();
		if (mode() == MfaMode.REQUIRED) {
			throw new JwtAllAuthException(ErrorCode.MFA_REQUIRED_MODE);
		}
		String userId = user.getId();
		requireActive(userId);
		if (this.recheck != null) {
			this.recheck.attempt(userId, clientIp);
		}
		// a wrong password counts like a wrong code: a stolen access token is no password
		// oracle
		int attempt;
		try {
			attempt = chargeAttempt(userId, null);
		}
		catch (RuntimeException ex) {
			if (this.recheck != null) {
				// refused before the password was looked at: not a guess
				this.recheck.checked(userId, clientIp, true);
			}
			throw ex;
		}
		boolean rightPassword = this.passwords.isCurrentPassword(user, password);
		if (this.recheck != null) {
			this.recheck.checked(userId, clientIp, rightPassword);
		}
		if (!rightPassword) {
			JwtAllAuthException failure = failure(userId, attempt);
			throw (failure.getErrorCode() == ErrorCode.THROTTLED) ? failure
					: JwtAllAuthException.invalid(Map.of("password", List.of("Invalid password.")));
		}
		if (!acceptTotp(userId, code) && !spendRecoveryCode(userId, code)) {
			throw failure(userId, attempt);
		}
		this.transaction.executeWithoutResult((status) -> {
			this.store.deleteAll(userId);
			this.store.clearFailures(userId);
		});
		this.events.publishEvent(new MfaDisabledEvent(userId));
	}

	/**
	 * List a user's authenticators.
	 * @param userId the user
	 * @return {@code id}, {@code type}, {@code created_at}, {@code last_used_at} of each
	 * active one
	 */
	public List<Map<String, Object>> authenticators(String userId) {
		requireEnabled();
		List<Map<String, Object>> list = new ArrayList<>();
		for (MfaStore.Authenticator authenticator : this.store.authenticators(userId)) {
			if (!authenticator.confirmed()) {
				continue;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", authenticator.id());
			item.put("type", authenticator.type());
			item.put("created_at", authenticator.created().toString());
			item.put("last_used_at", (authenticator.lastUsed() != null) ? authenticator.lastUsed().toString() : null);
			list.add(item);
		}
		return list;
	}

	private void requireActive(String userId) {
		if (!this.store.hasConfirmedTotp(userId)) {
			throw new JwtAllAuthException(ErrorCode.MFA_NOT_ACTIVE);
		}
	}

	private boolean acceptTotp(String userId, String code) {
		Optional<MfaStore.Authenticator> authenticator = this.store.authenticator(userId, MfaStore.TOTP)
			.filter(MfaStore.Authenticator::confirmed);
		if (authenticator.isEmpty() || authenticator.get().secret() == null) {
			return false;
		}
		Instant now = now();
		String secret = decrypt(authenticator.get().secret(), userId);
		if (secret == null) {
			return false;
		}
		OptionalLong step = this.totp.matchingStep(secret, code, now);
		// a code is good once: its step must be newer than the last one accepted
		return step.isPresent() && this.store.advanceStep(authenticator.get().id(), step.getAsLong(), now);
	}

	private boolean spendRecoveryCode(String userId, String code) {
		String normalized = normalizeRecoveryCode(code);
		if (normalized.length() != 10) {
			return false;
		}
		return this.store.spendRecoveryCode(userId, this.cipher.hash(userId, normalized), now());
	}

	static String normalizeRecoveryCode(String code) {
		return code.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
	}

	private List<String> newRecoveryCodes(String userId, Instant now) {
		List<String> codes = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 10; c++) {
				code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
			}
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
			hashes.add(this.cipher.hash(userId, code.toString()));
		}
		this.store.replaceRecoveryCodes(userId, hashes, now);
		return codes;
	}

	/**
	 * Refuse while the user's MFA is locked.
	 * @param userId the user
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void checkLock(String userId) {
		Duration wait = lockWait(userId);
		if (wait != null) {
			throw JwtAllAuthException.throttled(wait);
		}
	}

	private @Nullable Duration lockWait(String userId) {
		Instant now = now();
		List<Instant> failures = this.store.failuresSince(userId, now.minus(this.settings.lockout()));
		int max = this.settings.maxAttempts();
		if (failures.size() < max) {
			return null;
		}
		// locked until enough failures have left the window to fall below the maximum
		Instant unlock = failures.get(failures.size() - max).plus(this.settings.lockout());
		Duration wait = Duration.between(now, unlock);
		return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
	}

	// The attempt is charged before the code is checked, each charge its own statement
	// (no
	// transaction: it must stick although the request fails), so that concurrent guesses
	// cannot all
	// pass a limit checked before any of them was counted. A success clears the user's
	// count.
	private int chargeAttempt(String userId, @Nullable String challengeHash) {
		checkLock(userId);
		Instant now = now();
		if (challengeHash != null
				&& !this.store.chargeChallenge(challengeHash, this.settings.challengeMaxAttempts(), now)) {
			throw challengeInvalid();
		}
		this.store.recordFailure(userId, now);
		int attempts = this.store.failuresSince(userId, now.minus(this.settings.lockout())).size();
		if (attempts > this.settings.maxAttempts()) {
			// others got there first: the lock holds
			Duration wait = lockWait(userId);
			throw JwtAllAuthException.throttled((wait != null) ? wait : Duration.ofSeconds(1));
		}
		return attempts;
	}

	private JwtAllAuthException failure(String userId, int attempt) {
		this.events.publishEvent(new MfaFailedEvent(userId));
		if (attempt >= this.settings.maxAttempts()) {
			this.store.deleteChallenges(userId, LOGIN);
			this.events.publishEvent(new MfaLockedEvent(userId));
			Duration wait = lockWait(userId);
			return JwtAllAuthException.throttled((wait != null) ? wait : Duration.ofSeconds(1));
		}
		return new JwtAllAuthException(ErrorCode.MFA_INVALID_CODE);
	}

	// A secret that does not decrypt (the key changed) lets nobody in, but is the
	// server's problem,
	// said in the log, not a 500 to the client.
	private @Nullable String decrypt(@Nullable String secret, String userId) {
		if (secret == null) {
			return null;
		}
		try {
			return this.cipher.decrypt(secret, userId);
		}
		catch (IllegalStateException ex) {
			logger.error("The TOTP secret of user " + userId + " does not decrypt: was jwtallauth.mfa.encryption-key "
					+ "changed? The user cannot use TOTP until MfaService.reset is called for them.");
			return null;
		}
	}

	/**
	 * Forget every pending challenge of a user: a challenge obtained with the old
	 * password must not outlive a password change, a reset or a logout from every device.
	 * @param userId the user
	 */
	public void forgetChallenges(String userId) {
		this.store.deleteChallenges(userId, LOGIN);
		this.store.deleteChallenges(userId, SETUP);
	}

	/**
	 * Remove every authenticator, recovery code and challenge of a user: what an
	 * administrator does for a user who lost the device (in {@code required} mode the
	 * user enrols again at the next login).
	 * @param userId the user
	 */
	public void reset(String userId) {
		this.transaction.executeWithoutResult((status) -> {
			this.store.deleteAll(userId);
			this.store.clearFailures(userId);
		});
		this.events.publishEvent(new MfaDisabledEvent(userId));
	}

	/**
	 * Refuse, before anything changes, a path that will end at the gate while the user's
	 * MFA is locked (a password reset must not change the password and then answer 429).
	 * @param user the user
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void checkGate(UserAccount user) {
		if (mode() != MfaMode.DISABLED && this.store.hasConfirmedTotp(user.getId())) {
			checkLock(user.getId());
		}
	}

	/**
	 * Whether a session for the user needs a second factor (or an enrolment) after the
	 * password: what {@link #challenge} would ask, without issuing a challenge.
	 * @param user the user
	 * @return whether the password alone is not enough
	 */
	public boolean requiresSecondFactor(UserAccount user) {
		return mode() == MfaMode.REQUIRED || (mode() != MfaMode.DISABLED && this.store.hasConfirmedTotp(user.getId()));
	}

	private static JwtAllAuthException challengeInvalid() {
		return new JwtAllAuthException(ErrorCode.MFA_CHALLENGE_INVALID);
	}

	/**
	 * Delete expired challenges and failures older than the lockout window, at most
	 * {@code batchSize} rows.
	 * @param batchSize the most rows deleted
	 * @return the number of rows deleted
	 */
	public int purge(int batchSize) {
		Instant now = now();
		return this.store.purge(now, now.minus(this.settings.lockout()), batchSize);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * A started enrolment.
	 *
	 * @param secret the base32 secret
	 * @param provisioningUri the {@code otpauth://} URI
	 * @param qrCode the URI as an SVG QR code, or {@code null} without ZXing
	 */
	public record Enrolment(String secret, String provisioningUri, @Nullable String qrCode) {

		@Override
		public String toString() {
			return "Enrolment[******]";
		}

	}

}
