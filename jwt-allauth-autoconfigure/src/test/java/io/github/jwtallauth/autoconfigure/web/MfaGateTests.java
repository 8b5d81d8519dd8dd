package io.github.jwtallauth.autoconfigure.web;

import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.mfa.MfaChallenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The JSON that {@link MfaGate} writes for an {@link MfaChallenge}: the field names and
 * order the clients already know.
 */
class MfaGateTests {

	@Test
	void answerWhenLoginChallengeThenMfaRequiredAndChallengeIdInThatOrder() {
		assertThat(MfaGate.answer(new MfaChallenge.Login("login-id"))).containsExactly(entry("mfa_required", true),
				entry("challenge_id", "login-id"));
	}

	@Test
	void answerWhenSetupChallengeThenMfaSetupRequiredAndSetupChallengeIdInThatOrder() {
		assertThat(MfaGate.answer(new MfaChallenge.Setup("setup-id")))
			.containsExactly(entry("mfa_setup_required", true), entry("setup_challenge_id", "setup-id"));
	}

	@Test
	void toStringWhenChallengeThenIdHidden() {
		assertThat(new MfaChallenge.Login("login-id").toString()).doesNotContain("login-id");
		assertThat(new MfaChallenge.Setup("setup-id").toString()).doesNotContain("setup-id");
	}

}
