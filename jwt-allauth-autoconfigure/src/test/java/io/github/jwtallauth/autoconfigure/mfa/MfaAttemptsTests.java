package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

import static io.github.jwtallauth.autoconfigure.mfa.MfaChallengesTests.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The count of wrong codes: {@code max-attempts} within {@code lockout} lock the user's
 * MFA until enough of them leave the window; every failure and the lock are published.
 */
class MfaAttemptsTests {

	final MfaParts parts = new MfaParts();

	final MfaAttempts attempts = this.parts.attempts;

	@AfterEach
	void close() {
		this.parts.close();
	}

	@Test
	void failureWhenMaxAttemptsReachedThenLockedAndPublished() {
		for (int i = 1; i < MfaParts.MAX_ATTEMPTS; i++) {
			assertThat(fail("42").getErrorCode()).as("attempt %d", i).isEqualTo(ErrorCode.MFA_INVALID_CODE);
			assertThatNoException().isThrownBy(() -> this.attempts.checkLock("42"));
		}
		assertThat(this.parts.events(MfaLockedEvent.class)).isEmpty();
		JwtAllAuthException last = fail("42");
		assertThat(last.getErrorCode()).isEqualTo(ErrorCode.THROTTLED);
		assertThat(last.getRetryAfter()).isEqualTo(MfaParts.LOCKOUT);
		assertThat(this.parts.events(MfaFailedEvent.class)).hasSize(MfaParts.MAX_ATTEMPTS)
			.allSatisfy((event) -> assertThat(event.getUserId()).isEqualTo("42"));
		assertThat(this.parts.events(MfaLockedEvent.class)).extracting(MfaLockedEvent::getUserId).containsExactly("42");
		assertThrottled(() -> this.attempts.checkLock("42"));
		// another user is not locked
		assertThatNoException().isThrownBy(() -> this.attempts.checkLock("43"));
	}

	@Test
	void chargeWhenLockedThenRefusedAndNotCounted() {
		lock("42");
		int rows = this.parts.rows("jwt_allauth_mfa_failure", "42");
		assertThrottled(() -> this.attempts.charge("42", null));
		assertThat(this.parts.rows("jwt_allauth_mfa_failure", "42")).isEqualTo(rows);
	}

	@Test
	void checkLockWhenTheLockoutWindowHasPassedThenUnlocked() {
		lock("42");
		this.parts.clock.advance(MfaParts.LOCKOUT.minusSeconds(1));
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(() -> this.attempts.checkLock("42"))
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1)));
		this.parts.clock.advance(Duration.ofSeconds(1));
		assertThatNoException().isThrownBy(() -> this.attempts.checkLock("42"));
		assertThat(fail("42").getErrorCode()).isEqualTo(ErrorCode.MFA_INVALID_CODE);
	}

	@Test
	void failureWhenEarlierFailuresLeftTheWindowThenTheyNoLongerCount() {
		for (int i = 1; i < MfaParts.MAX_ATTEMPTS; i++) {
			fail("42");
		}
		this.parts.clock.advance(MfaParts.LOCKOUT);
		for (int i = 1; i < MfaParts.MAX_ATTEMPTS; i++) {
			assertThat(fail("42").getErrorCode()).isEqualTo(ErrorCode.MFA_INVALID_CODE);
		}
		assertThat(this.parts.events(MfaLockedEvent.class)).isEmpty();
	}

	@Test
	void succeededWhenCalledThenTheCountStartsAgain() {
		for (int i = 1; i < MfaParts.MAX_ATTEMPTS; i++) {
			fail("42");
		}
		this.attempts.succeeded("42");
		assertThat(this.parts.rows("jwt_allauth_mfa_failure", "42")).isZero();
		for (int i = 1; i < MfaParts.MAX_ATTEMPTS; i++) {
			assertThat(fail("42").getErrorCode()).isEqualTo(ErrorCode.MFA_INVALID_CODE);
		}
	}

	@Test
	void failureWhenLockedThenTheUsersLoginChallengesEnd() {
		String login = this.parts.challenges.issue("42", MfaChallenges.LOGIN);
		String setup = this.parts.challenges.issue("42", MfaChallenges.SETUP);
		lock("42");
		assertInvalid(() -> this.parts.challenges.userOf(login, MfaChallenges.LOGIN), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.parts.challenges.userOf(setup, MfaChallenges.SETUP)).isEqualTo("42");
	}

	@Test
	void chargeWhenTheChallengeHasNoAttemptsLeftThenInvalid() {
		String hash = OneTimeTokens.hash(this.parts.challenges.issue("42", MfaChallenges.LOGIN));
		for (int i = 1; i <= MfaParts.CHALLENGE_MAX_ATTEMPTS; i++) {
			assertThat(this.attempts.charge("42", hash)).isEqualTo(i);
		}
		assertInvalid(() -> this.attempts.charge("42", hash), ErrorCode.MFA_CHALLENGE_INVALID);
	}

	@Test
	void purgeWhenRowsAreOldThenOnlyTheyAreDeletedAtMostABatch() {
		this.parts.challenges.issue("42", MfaChallenges.LOGIN);
		this.parts.challenges.issue("42", MfaChallenges.SETUP);
		fail("42");
		this.parts.clock.advance(MfaParts.LOCKOUT);
		// now both challenges of 42 have expired and its failure has left the window
		String live = this.parts.challenges.issue("43", MfaChallenges.LOGIN);
		fail("43");
		assertThat(this.attempts.purge(1)).isEqualTo(1);
		assertThat(this.attempts.purge(10)).isEqualTo(2);
		assertThat(this.attempts.purge(10)).isZero();
		assertThat(this.parts.rows("jwt_allauth_mfa_challenge", "42")).isZero();
		assertThat(this.parts.rows("jwt_allauth_mfa_failure", "42")).isZero();
		assertThat(this.parts.challenges.userOf(live, MfaChallenges.LOGIN)).isEqualTo("43");
		assertThat(this.parts.rows("jwt_allauth_mfa_failure", "43")).isEqualTo(1);
	}

	private JwtAllAuthException fail(String userId) {
		return this.attempts.failure(userId, this.attempts.charge(userId, null));
	}

	private void lock(String userId) {
		for (int i = 0; i < MfaParts.MAX_ATTEMPTS; i++) {
			fail(userId);
		}
		assertThrottled(() -> this.attempts.checkLock(userId));
	}

	private static void assertThrottled(Runnable call) {
		assertInvalid(call, ErrorCode.THROTTLED);
	}

}
