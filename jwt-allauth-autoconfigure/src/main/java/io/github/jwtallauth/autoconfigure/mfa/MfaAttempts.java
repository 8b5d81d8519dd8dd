package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Counts wrong MFA codes against their challenge ({@code challenge-max-attempts}) and
 * their user ({@code max-attempts} within {@code lockout}), and locks the user's MFA when
 * the count is reached. The counts are rows in the database, so they survive a restart
 * and are shared by every instance.
 *
 * @author jwt-allauth contributors
 */
final class MfaAttempts {

	private final MfaStore store;

	private final ApplicationEventPublisher events;

	private final JwtAllAuthProperties.Mfa settings;

	private final Clock clock;

	MfaAttempts(MfaStore store, ApplicationEventPublisher events, JwtAllAuthProperties.Mfa settings, Clock clock) {
		this.store = store;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Refuse while the user's MFA is locked.
	 * @param userId the user
	 * @throws JwtAllAuthException 429 {@code throttled}
	 */
	void checkLock(String userId) {
		Duration wait = lockWait(userId);
		if (wait != null) {
			throw JwtAllAuthException.throttled(wait);
		}
	}

	private @Nullable Duration lockWait(String userId) {
		Instant now = this.clock.instant();
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

	/**
	 * Count an attempt against the user and, if given, the challenge. The attempt is
	 * charged before the code is checked, each charge its own statement (no transaction:
	 * it must stick although the request fails), so that concurrent guesses cannot all
	 * pass a limit checked before any of them was counted; {@link #succeeded} clears the
	 * user's count.
	 * @param userId the user
	 * @param challengeHash the hash of the challenge answered, or {@code null}
	 * @return the user's attempts within the lockout window, this one included
	 * @throws JwtAllAuthException 429 {@code throttled} while locked; 400
	 * {@code mfa_challenge_invalid} when the challenge has no attempts left
	 */
	int charge(String userId, @Nullable String challengeHash) {
		checkLock(userId);
		Instant now = this.clock.instant();
		if (challengeHash != null
				&& !this.store.chargeChallenge(challengeHash, this.settings.challengeMaxAttempts(), now)) {
			throw new JwtAllAuthException(ErrorCode.MFA_CHALLENGE_INVALID);
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

	/**
	 * Say that a charged attempt failed: the failure is published, and the attempt that
	 * reaches the limit locks the user and ends their login challenges.
	 * @param userId the user
	 * @param attempt what {@link #charge} returned
	 * @return 400 {@code mfa_invalid_code}, or 429 {@code throttled} once locked
	 */
	JwtAllAuthException failure(String userId, int attempt) {
		this.events.publishEvent(new MfaFailedEvent(userId));
		if (attempt >= this.settings.maxAttempts()) {
			this.store.deleteChallenges(userId, MfaChallenges.LOGIN);
			this.events.publishEvent(new MfaLockedEvent(userId));
			Duration wait = lockWait(userId);
			return JwtAllAuthException.throttled((wait != null) ? wait : Duration.ofSeconds(1));
		}
		return new JwtAllAuthException(ErrorCode.MFA_INVALID_CODE);
	}

	/**
	 * Clear the user's count after a success.
	 * @param userId the user
	 */
	void succeeded(String userId) {
		this.store.clearFailures(userId);
	}

	/**
	 * Delete expired challenges and failures older than the lockout window, at most
	 * {@code batchSize} rows.
	 * @param batchSize the most rows deleted
	 * @return the number of rows deleted
	 */
	int purge(int batchSize) {
		Instant now = this.clock.instant();
		return this.store.purge(now, now.minus(this.settings.lockout()), batchSize);
	}

}
