package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * The login and setup challenges that stand in for a session until the second factor (or
 * the enrolment) arrives: issued with a random id stored hashed, live for
 * {@link MfaService#CHALLENGE_LIFETIME} and {@code challenge-max-attempts} wrong codes,
 * spent once.
 *
 * @author jwt-allauth contributors
 */
final class MfaChallenges {

	static final String LOGIN = "login";

	static final String SETUP = "setup";

	private final MfaStore store;

	private final MfaAttempts attempts;

	private final TotpCodes totpCodes;

	private final RecoveryCodes recoveryCodes;

	private final AccountService accounts;

	private final ApplicationEventPublisher events;

	private final int challengeMaxAttempts;

	private final Clock clock;

	MfaChallenges(MfaStore store, MfaAttempts attempts, TotpCodes totpCodes, RecoveryCodes recoveryCodes,
			AccountService accounts, ApplicationEventPublisher events, int challengeMaxAttempts, Clock clock) {
		this.store = store;
		this.attempts = attempts;
		this.totpCodes = totpCodes;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
		this.events = events;
		this.challengeMaxAttempts = challengeMaxAttempts;
		this.clock = clock;
	}

	/**
	 * Issue a challenge.
	 * @param userId the user
	 * @param kind {@link #LOGIN} or {@link #SETUP}
	 * @return the challenge id, known only to the client
	 */
	String issue(String userId, String kind) {
		String id = OneTimeTokens.newToken();
		Instant now = this.clock.instant();
		this.store.saveChallenge(OneTimeTokens.hash(id), userId, kind, now, now.plus(MfaService.CHALLENGE_LIFETIME));
		return id;
	}

	/**
	 * Return the user of a live challenge.
	 * @param challengeId the challenge id
	 * @param kind {@link #LOGIN} or {@link #SETUP}
	 * @return the user id
	 * @throws JwtAllAuthException 400 {@code mfa_challenge_invalid}
	 */
	String userOf(String challengeId, String kind) {
		if (!OneTimeTokens.isWellFormed(challengeId)) {
			throw invalid();
		}
		return this.store
			.liveChallenge(OneTimeTokens.hash(challengeId), kind, this.challengeMaxAttempts, this.clock.instant())
			.orElseThrow(MfaChallenges::invalid)
			.userId();
	}

	/**
	 * Answer a login challenge with a TOTP or a recovery code, spending it.
	 * @param challengeId the login challenge id
	 * @param code a TOTP code, or a recovery code
	 * @param recoveryCode whether {@code code} is a recovery code (which is then spent)
	 * @return the user, whose session may open
	 * @throws JwtAllAuthException 400 {@code mfa_challenge_invalid},
	 * {@code mfa_invalid_code}; 429
	 */
	UserAccount verify(String challengeId, String code, boolean recoveryCode) {
		String userId = userOf(challengeId, LOGIN);
		String hash = OneTimeTokens.hash(challengeId);
		int attempt = this.attempts.charge(userId, hash);
		boolean accepted = recoveryCode ? this.recoveryCodes.spend(userId, code) : this.totpCodes.accept(userId, code);
		if (!accepted) {
			throw this.attempts.failure(userId, attempt);
		}
		if (!spend(hash, this.clock.instant())) {
			throw invalid();
		}
		this.attempts.succeeded(userId);
		UserAccount user = this.accounts.findById(userId)
			.filter(UserAccount::isActive)
			.orElseThrow(MfaChallenges::invalid);
		this.events.publishEvent(new MfaVerifiedEvent(userId));
		return user;
	}

	/**
	 * Spend a challenge, in the caller's transaction if there is one.
	 * @param challengeHash the hash of the challenge id
	 * @param now the time
	 * @return whether it was live and is now spent
	 */
	boolean spend(String challengeHash, Instant now) {
		return this.store.useChallenge(challengeHash, now);
	}

	/**
	 * Revoke the user's pending challenges of one kind.
	 * @param userId the user
	 * @param kind {@link #LOGIN} or {@link #SETUP}
	 */
	void revoke(String userId, String kind) {
		this.store.deleteChallenges(userId, kind);
	}

	/**
	 * Revoke every pending challenge of the user.
	 * @param userId the user
	 */
	void revokeAll(String userId) {
		revoke(userId, LOGIN);
		revoke(userId, SETUP);
	}

	static JwtAllAuthException invalid() {
		return new JwtAllAuthException(ErrorCode.MFA_CHALLENGE_INVALID);
	}

}
