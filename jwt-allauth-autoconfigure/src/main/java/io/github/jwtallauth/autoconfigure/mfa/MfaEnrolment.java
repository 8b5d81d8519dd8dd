package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;

/**
 * A user's enrolment in MFA, from the new secret to its removal: setup, activation (which
 * hands out the first recovery codes), new recovery codes, deactivation by the user, the
 * administrator's reset, and the list of authenticators.
 *
 * @author jwt-allauth contributors
 */
final class MfaEnrolment {

	private final MfaStore store;

	private final TotpService totp;

	private final SecretCipher cipher;

	private final TotpCodes totpCodes;

	private final RecoveryCodes recoveryCodes;

	private final MfaChallenges challenges;

	private final MfaAttempts attempts;

	private final PasswordAuthenticator passwords;

	private final @Nullable PasswordRecheckThrottle recheck;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final JwtAllAuthProperties.Mfa settings;

	private final boolean qrCodes;

	private final Clock clock;

	MfaEnrolment(MfaStore store, TotpService totp, SecretCipher cipher, TotpCodes totpCodes,
			RecoveryCodes recoveryCodes, MfaChallenges challenges, MfaAttempts attempts,
			PasswordAuthenticator passwords, @Nullable PasswordRecheckThrottle recheck, TransactionTemplate transaction,
			ApplicationEventPublisher events, JwtAllAuthProperties.Mfa settings, boolean qrCodes, Clock clock) {
		this.store = store;
		this.totp = totp;
		this.cipher = cipher;
		this.totpCodes = totpCodes;
		this.recoveryCodes = recoveryCodes;
		this.challenges = challenges;
		this.attempts = attempts;
		this.passwords = passwords;
		this.recheck = recheck;
		this.transaction = transaction;
		this.events = events;
		this.settings = settings;
		this.qrCodes = qrCodes;
		this.clock = clock;
	}

	/**
	 * Whether the user has an active TOTP authenticator.
	 * @param userId the user
	 * @return whether the user is enrolled
	 */
	boolean isEnrolled(String userId) {
		return this.store.hasConfirmedTotp(userId);
	}

	/**
	 * Start an enrolment: a new secret, kept encrypted for
	 * {@link MfaService#SETUP_LIFETIME} until activated.
	 * @param user the user
	 * @return the secret, its URI and QR code (none without ZXing)
	 * @throws JwtAllAuthException 400 {@code mfa_already_active}
	 */
	MfaService.Enrolment setup(UserAccount user) {
		if (isEnrolled(user.getId())) {
			throw new JwtAllAuthException(ErrorCode.MFA_ALREADY_ACTIVE);
		}
		String secret = this.totp.newSecret();
		String sealed = this.cipher.encrypt(secret, user.getId());
		try {
			this.transaction.executeWithoutResult(
					(status) -> this.store.replacePendingTotp(user.getId(), sealed, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent setup (a double click) won the row: take it over
			this.transaction.executeWithoutResult(
					(status) -> this.store.replacePendingTotp(user.getId(), sealed, this.clock.instant()));
		}
		String uri = this.totp.provisioningUri(secret, user.getEmail(), this.settings.issuer());
		return new MfaService.Enrolment(secret, uri, this.qrCodes ? QrCodes.svg(uri) : null);
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
	List<String> activate(String userId, String code, @Nullable String setupChallengeId) {
		if (setupChallengeId != null && !this.challenges.userOf(setupChallengeId, MfaChallenges.SETUP).equals(userId)) {
			throw MfaChallenges.invalid();
		}
		String challengeHash = (setupChallengeId != null) ? OneTimeTokens.hash(setupChallengeId) : null;
		Instant now = this.clock.instant();
		MfaStore.Authenticator pending = this.store.authenticator(userId, MfaStore.TOTP)
			.filter((authenticator) -> !authenticator.confirmed())
			.filter((authenticator) -> authenticator.created().isAfter(now.minus(MfaService.SETUP_LIFETIME)))
			.orElseThrow(() -> new JwtAllAuthException(ErrorCode.MFA_SETUP_NOT_STARTED));
		int attempt = this.attempts.charge(userId, challengeHash);
		OptionalLong step = this.totpCodes.matchingStep(pending.secret(), userId, code, now);
		if (step.isEmpty()) {
			throw this.attempts.failure(userId, attempt);
		}
		List<String> codes = this.transaction.execute((status) -> {
			if (challengeHash != null && !this.challenges.spend(challengeHash, now)) {
				throw MfaChallenges.invalid();
			}
			if (!this.store.confirmTotp(pending.id(), step.getAsLong(), now)) {
				throw new JwtAllAuthException(ErrorCode.MFA_SETUP_NOT_STARTED);
			}
			// enrolled: no other setup challenge of this user may start an enrolment any
			// more
			this.challenges.revoke(userId, MfaChallenges.SETUP);
			return this.recoveryCodes.replace(userId, now);
		});
		this.attempts.succeeded(userId);
		this.events.publishEvent(new MfaEnabledEvent(userId));
		return (codes != null) ? codes : List.of();
	}

	/**
	 * Replace a user's recovery codes, proved with a current TOTP code.
	 * @param userId the user
	 * @param code a TOTP code
	 * @return the new codes; the old ones no longer work
	 */
	List<String> regenerateRecoveryCodes(String userId, String code) {
		requireEnrolled(userId);
		int attempt = this.attempts.charge(userId, null);
		if (!this.totpCodes.accept(userId, code)) {
			throw this.attempts.failure(userId, attempt);
		}
		this.attempts.succeeded(userId);
		List<String> codes = this.transaction
			.execute((status) -> this.recoveryCodes.replace(userId, this.clock.instant()));
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
	void deactivate(UserAccount user, String password, String code, @Nullable String clientIp) {
		if (this.settings.mode() == MfaMode.REQUIRED) {
			throw new JwtAllAuthException(ErrorCode.MFA_REQUIRED_MODE);
		}
		String userId = user.getId();
		requireEnrolled(userId);
		if (this.recheck != null) {
			this.recheck.attempt(userId, clientIp);
		}
		// a wrong password counts like a wrong code: a stolen access token is no password
		// oracle
		int attempt;
		try {
			attempt = this.attempts.charge(userId, null);
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
			JwtAllAuthException failure = this.attempts.failure(userId, attempt);
			throw (failure.getErrorCode() == ErrorCode.THROTTLED) ? failure
					: JwtAllAuthException.invalid(Map.of("password", List.of("Invalid password.")));
		}
		if (!this.totpCodes.accept(userId, code) && !this.recoveryCodes.spend(userId, code)) {
			throw this.attempts.failure(userId, attempt);
		}
		removeAll(userId);
	}

	/**
	 * Remove every authenticator, recovery code and challenge of a user, and the count of
	 * wrong codes.
	 * @param userId the user
	 */
	void reset(String userId) {
		removeAll(userId);
	}

	private void removeAll(String userId) {
		this.transaction.executeWithoutResult((status) -> {
			this.store.deleteAll(userId);
			this.attempts.succeeded(userId);
		});
		this.events.publishEvent(new MfaDisabledEvent(userId));
	}

	/**
	 * List a user's active authenticators.
	 * @param userId the user
	 * @return the authenticators, oldest first
	 */
	List<Authenticator> authenticators(String userId) {
		List<Authenticator> list = new ArrayList<>();
		for (MfaStore.Authenticator authenticator : this.store.authenticators(userId)) {
			if (authenticator.confirmed()) {
				list.add(Authenticator.of(authenticator));
			}
		}
		return list;
	}

	private void requireEnrolled(String userId) {
		if (!isEnrolled(userId)) {
			throw new JwtAllAuthException(ErrorCode.MFA_NOT_ACTIVE);
		}
	}

}
