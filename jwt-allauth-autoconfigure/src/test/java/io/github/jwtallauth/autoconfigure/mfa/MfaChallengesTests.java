package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.MfaParts.Enrolled;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.BDDMockito.given;

/**
 * Login and setup challenges: issued for one user and one kind, live for
 * {@link MfaService#CHALLENGE_LIFETIME} and a few wrong codes, spent once.
 */
class MfaChallengesTests {

	final MfaParts parts = new MfaParts();

	final MfaChallenges challenges = this.parts.challenges;

	@AfterEach
	void close() {
		this.parts.close();
	}

	@Test
	void issueWhenIssuedThenItsUserIsFoundByTheIdWhichIsStoredOnlyHashed() {
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		assertThat(OneTimeTokens.isWellFormed(id)).isTrue();
		assertThat(this.challenges.userOf(id, MfaChallenges.LOGIN)).isEqualTo("42");
		assertThat(this.parts.jdbc.queryForList("select id_hash from jwt_allauth_mfa_challenge", String.class))
			.containsExactly(OneTimeTokens.hash(id))
			.doesNotContain(id);
		assertThat(this.challenges.issue("42", MfaChallenges.LOGIN)).isNotEqualTo(id);
	}

	@Test
	void userOfWhenOtherKindUnknownOrMalformedThenInvalid() {
		String login = this.challenges.issue("42", MfaChallenges.LOGIN);
		String setup = this.challenges.issue("42", MfaChallenges.SETUP);
		assertInvalid(() -> this.challenges.userOf(login, MfaChallenges.SETUP), ErrorCode.MFA_CHALLENGE_INVALID);
		assertInvalid(() -> this.challenges.userOf(setup, MfaChallenges.LOGIN), ErrorCode.MFA_CHALLENGE_INVALID);
		assertInvalid(() -> this.challenges.userOf(OneTimeTokens.newToken(), MfaChallenges.LOGIN),
				ErrorCode.MFA_CHALLENGE_INVALID);
		assertInvalid(() -> this.challenges.userOf("not a challenge", MfaChallenges.LOGIN),
				ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.challenges.userOf(setup, MfaChallenges.SETUP)).isEqualTo("42");
	}

	@Test
	void userOfWhenLifetimeOverThenInvalid() {
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		this.parts.clock.advance(MfaService.CHALLENGE_LIFETIME.minusSeconds(1));
		assertThat(this.challenges.userOf(id, MfaChallenges.LOGIN)).isEqualTo("42");
		this.parts.clock.advance(Duration.ofSeconds(1));
		assertInvalid(() -> this.challenges.userOf(id, MfaChallenges.LOGIN), ErrorCode.MFA_CHALLENGE_INVALID);
	}

	@Test
	void verifyWhenRightCodeThenTheUserAndTheChallengeIsSpent() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		assertThat(this.challenges.verify(id, this.parts.code(enrolled.secret()), false)).isSameAs(user);
		assertThat(this.parts.events(MfaVerifiedEvent.class)).extracting(MfaVerifiedEvent::getUserId)
			.containsExactly("42");
		// a fresh code, so that only the spent challenge can refuse it
		this.parts.clock.advance(Duration.ofSeconds(30));
		String next = this.parts.code(enrolled.secret());
		assertInvalid(() -> this.challenges.verify(id, next, false), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.parts.rows("jwt_allauth_mfa_challenge", "42")).isZero();
	}

	@Test
	void verifyWhenRecoveryCodeThenTheUserAndTheCodeIsSpent() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		String recovery = enrolled.recoveryCodes().get(0);
		assertThat(this.challenges.verify(this.challenges.issue("42", MfaChallenges.LOGIN), recovery, true))
			.isSameAs(user);
		String again = this.challenges.issue("42", MfaChallenges.LOGIN);
		assertInvalid(() -> this.challenges.verify(again, recovery, true), ErrorCode.MFA_INVALID_CODE);
	}

	@Test
	void verifyWhenExpiredThenInvalidEvenWithTheRightCode() {
		Enrolled enrolled = this.parts.enrol(this.parts.user("42"));
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		this.parts.clock.advance(MfaService.CHALLENGE_LIFETIME);
		String code = this.parts.code(enrolled.secret());
		assertInvalid(() -> this.challenges.verify(id, code, false), ErrorCode.MFA_CHALLENGE_INVALID);
	}

	@Test
	void verifyWhenAnotherUsersCodeThenRefusedAndTheChallengeStaysWithItsUser() {
		UserAccount ada = this.parts.user("ada");
		Enrolled adas = this.parts.enrol(ada);
		Enrolled bobs = this.parts.enrol(this.parts.user("bob"));
		String adaCode = this.parts.code(adas.secret());
		String bobCode = this.parts.code(bobs.secret());
		// two random secrets share a code about once in a million
		assumeThat(bobCode).isNotEqualTo(adaCode);
		String id = this.challenges.issue("ada", MfaChallenges.LOGIN);
		assertInvalid(() -> this.challenges.verify(id, bobCode, false), ErrorCode.MFA_INVALID_CODE);
		assertInvalid(() -> this.challenges.verify(id, bobs.recoveryCodes().get(0), true), ErrorCode.MFA_INVALID_CODE);
		assertThat(this.challenges.verify(id, adaCode, false)).isSameAs(ada);
		// bob's code was not spent on ada's challenge
		String bobsChallenge = this.challenges.issue("bob", MfaChallenges.LOGIN);
		assertThat(this.challenges.verify(bobsChallenge, bobCode, false).getId()).isEqualTo("bob");
	}

	@Test
	void verifyWhenChallengeMaxAttemptsWrongThenInvalidEvenWithTheRightCode() {
		Enrolled enrolled = this.parts.enrol(this.parts.user("42"));
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		String wrong = this.parts.wrongCode(enrolled.secret());
		for (int i = 0; i < MfaParts.CHALLENGE_MAX_ATTEMPTS; i++) {
			assertInvalid(() -> this.challenges.verify(id, wrong, false), ErrorCode.MFA_INVALID_CODE);
		}
		String right = this.parts.code(enrolled.secret());
		assertInvalid(() -> this.challenges.verify(id, right, false), ErrorCode.MFA_CHALLENGE_INVALID);
		// a new challenge still takes the code: the challenge ran out, not the user
		assertThat(this.challenges.verify(this.challenges.issue("42", MfaChallenges.LOGIN), right, false).getId())
			.isEqualTo("42");
	}

	@Test
	void verifyWhenUserNoLongerActiveThenInvalid() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		given(user.isActive()).willReturn(false);
		String id = this.challenges.issue("42", MfaChallenges.LOGIN);
		String code = this.parts.code(enrolled.secret());
		assertInvalid(() -> this.challenges.verify(id, code, false), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.parts.events(MfaVerifiedEvent.class)).isEmpty();
	}

	@Test
	void revokeAllWhenCalledThenEveryChallengeOfTheUserAndNoOtherIsGone() {
		String login = this.challenges.issue("42", MfaChallenges.LOGIN);
		String setup = this.challenges.issue("42", MfaChallenges.SETUP);
		String other = this.challenges.issue("43", MfaChallenges.LOGIN);
		this.challenges.revokeAll("42");
		assertInvalid(() -> this.challenges.userOf(login, MfaChallenges.LOGIN), ErrorCode.MFA_CHALLENGE_INVALID);
		assertInvalid(() -> this.challenges.userOf(setup, MfaChallenges.SETUP), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.challenges.userOf(other, MfaChallenges.LOGIN)).isEqualTo("43");
	}

	static void assertInvalid(Runnable call, ErrorCode code) {
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(call::run)
			.extracting(JwtAllAuthException::getErrorCode)
			.isEqualTo(code);
	}

}
