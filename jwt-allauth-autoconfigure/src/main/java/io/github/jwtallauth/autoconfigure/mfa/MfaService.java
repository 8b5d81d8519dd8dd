package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;

/**
 * Multi-factor authentication with TOTP, as the endpoints, the MFA gate and the login
 * provider use it: the gate's challenge, enrolment, the answers to a challenge, recovery
 * codes, deactivation, the administrator's {@link #reset}, and the lockout. Every wrong
 * code counts against its challenge ({@code challenge-max-attempts}) and its user
 * ({@code max-attempts} within {@code lockout}); the counts are rows in the database, so
 * they survive a restart and are shared by every instance. The work is done by
 * package-private parts (challenges, enrolment, recovery codes, attempts); this class
 * checks the mode and hands over. Declare a bean of this type, or a subclass, to change
 * the rules.
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

	private final JwtAllAuthProperties.Mfa settings;

	private final MfaChallenges challenges;

	private final MfaEnrolment enrolment;

	private final MfaAttempts attempts;

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
		this(properties,
				new Parts(store, totp, cipher, accounts, passwords, transaction, events, properties, clock, recheck));
	}

	private MfaService(JwtAllAuthProperties properties, Parts parts) {
		this(properties, parts.challenges, parts.enrolment, parts.attempts);
	}

	MfaService(JwtAllAuthProperties properties, MfaChallenges challenges, MfaEnrolment enrolment,
			MfaAttempts attempts) {
		this.settings = properties.mfa();
		this.challenges = challenges;
		this.enrolment = enrolment;
		this.attempts = attempts;
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
	 * @return the challenge, or {@code null} when the session may open
	 * @throws JwtAllAuthException 429 {@code throttled} while the user's MFA is locked
	 */
	public @Nullable MfaChallenge challenge(UserAccount user) {
		if (mode() == MfaMode.DISABLED) {
			return null;
		}
		if (this.enrolment.isEnrolled(user.getId())) {
			this.attempts.checkLock(user.getId());
			return new MfaChallenge.Login(this.challenges.issue(user.getId(), MfaChallenges.LOGIN));
		}
		if (mode() == MfaMode.REQUIRED) {
			return new MfaChallenge.Setup(this.challenges.issue(user.getId(), MfaChallenges.SETUP));
		}
		return null;
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
		return this.challenges.userOf(challengeId, MfaChallenges.SETUP);
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
		return this.enrolment.setup(user, this.qrCodes);
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
		return this.enrolment.activate(userId, code, setupChallengeId);
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
		return this.challenges.verify(challengeId, code, recoveryCode);
	}

	/**
	 * Replace a user's recovery codes, proved with a current TOTP code.
	 * @param userId the user
	 * @param code a TOTP code
	 * @return the new codes; the old ones no longer work
	 */
	public List<String> regenerateRecoveryCodes(String userId, String code) {
		requireEnabled();
		return this.enrolment.regenerateRecoveryCodes(userId, code);
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
		this.enrolment.deactivate(user, password, code, clientIp);
	}

	/**
	 * List a user's active authenticators.
	 * @param userId the user
	 * @return the authenticators, oldest first
	 */
	public List<Authenticator> authenticators(String userId) {
		requireEnabled();
		return this.enrolment.authenticators(userId);
	}

	/**
	 * Refuse while the user's MFA is locked.
	 * @param userId the user
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void checkLock(String userId) {
		this.attempts.checkLock(userId);
	}

	/**
	 * Forget every pending challenge of a user: a challenge obtained with the old
	 * password must not outlive a password change, a reset or a logout from every device.
	 * @param userId the user
	 */
	public void forgetChallenges(String userId) {
		this.challenges.revokeAll(userId);
	}

	/**
	 * Remove every authenticator, recovery code and challenge of a user: what an
	 * administrator does for a user who lost the device (in {@code required} mode the
	 * user enrols again at the next login).
	 * @param userId the user
	 */
	public void reset(String userId) {
		this.enrolment.reset(userId);
	}

	/**
	 * Refuse, before anything changes, a path that will end at the gate while the user's
	 * MFA is locked (a password reset must not change the password and then answer 429).
	 * @param user the user
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	public void checkGate(UserAccount user) {
		if (mode() != MfaMode.DISABLED && this.enrolment.isEnrolled(user.getId())) {
			this.attempts.checkLock(user.getId());
		}
	}

	/**
	 * Whether a session for the user needs a second factor (or an enrolment) after the
	 * password: what {@link #challenge} would ask, without issuing a challenge.
	 * @param user the user
	 * @return whether the password alone is not enough
	 */
	public boolean requiresSecondFactor(UserAccount user) {
		return mode() == MfaMode.REQUIRED || (mode() != MfaMode.DISABLED && this.enrolment.isEnrolled(user.getId()));
	}

	/**
	 * Delete expired challenges and failures older than the lockout window, at most
	 * {@code batchSize} rows.
	 * @param batchSize the most rows deleted
	 * @return the number of rows deleted
	 */
	public int purge(int batchSize) {
		return this.attempts.purge(batchSize);
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

	/**
	 * The parts wired together, for the public constructors (the auto-configuration
	 * declares each part as a bean instead).
	 */
	static final class Parts {

		final MfaAttempts attempts;

		final MfaChallenges challenges;

		final MfaEnrolment enrolment;

		Parts(MfaStore store, TotpService totp, SecretCipher cipher, AccountService accounts,
				PasswordAuthenticator passwords, TransactionTemplate transaction, ApplicationEventPublisher events,
				JwtAllAuthProperties properties, Clock clock, @Nullable PasswordRecheckThrottle recheck) {
			this.attempts = new MfaAttempts(store, events, properties, clock);
			TotpCodes totpCodes = new TotpCodes(store, totp, cipher, clock);
			RecoveryCodes recoveryCodes = new RecoveryCodes(store, cipher, clock);
			this.challenges = new MfaChallenges(store, this.attempts, totpCodes, recoveryCodes, accounts, events,
					properties, clock);
			this.enrolment = new MfaEnrolment(store, totp, cipher, totpCodes, recoveryCodes, this.challenges,
					this.attempts, passwords, recheck, transaction, events, properties, clock);
		}

	}

}
