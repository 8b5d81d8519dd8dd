package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Multi-factor authentication with TOTP, as the endpoints, the MFA gate and the login
 * provider use it: the gate's challenge, enrolment, the answers to a challenge, recovery
 * codes, deactivation, the administrator's {@link #reset}, and the lockout. Every wrong
 * code counts against its challenge ({@code challenge-max-attempts}) and its user
 * ({@code max-attempts} within {@code lockout}); the counts are rows in the database, so
 * they survive a restart and are shared by every instance. The work is done by
 * package-private parts (challenges, enrolment, recovery codes, attempts), which the
 * auto-configuration wires; this class checks the mode and hands over.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release. An administrator's reset is offered as {@link MfaAdministration}.
 *
 * @author jwt-allauth contributors
 */
public final class MfaService implements MfaAdministration {

	/** How long a login or setup challenge lives. */
	public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	/** How long an enrolment waits for its activation code. */
	static final Duration SETUP_LIFETIME = Duration.ofMinutes(5);

	/** Recovery codes handed out at a time. */
	static final int RECOVERY_CODES = 10;

	private final MfaMode mode;

	private final MfaChallenges challenges;

	private final MfaEnrolment enrolment;

	private final MfaAttempts attempts;

	MfaService(MfaMode mode, MfaChallenges challenges, MfaEnrolment enrolment, MfaAttempts attempts) {
		this.mode = mode;
		this.challenges = challenges;
		this.enrolment = enrolment;
		this.attempts = attempts;
	}

	/**
	 * Return the mode.
	 * @return {@code jwtallauth.mfa.mode}
	 */
	public MfaMode mode() {
		return this.mode;
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
		return this.enrolment.setup(user);
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

	@Override
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

}
