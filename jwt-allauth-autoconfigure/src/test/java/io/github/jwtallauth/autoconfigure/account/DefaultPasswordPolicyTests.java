package io.github.jwtallauth.autoconfigure.account;

import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.account.PasswordPolicy.PasswordContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DefaultPasswordPolicyTests {

	private final DefaultPasswordPolicy policy = new DefaultPasswordPolicy(8);

	private final PasswordContext ada = new PasswordContext("ada.lovelace@example.com", "Ada", "Lovelace");

	@Test
	void validateWhenStrongThenNoProblem() {
		assertThat(this.policy.validate("correct horse battery staple", this.ada)).isEmpty();
	}

	@Test
	void validateWhenShortOrNumericThenBothReported() {
		assertThat(this.policy.validate("1234567", this.ada)).containsExactly(
				"This password is too short. It must contain at least 8 characters.",
				"This password is entirely numeric.", "This password is too common.");
		assertThat(this.policy.validate("90417", this.ada)).containsExactly(
				"This password is too short. It must contain at least 8 characters.",
				"This password is entirely numeric.");
	}

	@Test
	void validateWhenLengthCountsCodePointsNotUtf16Units() {
		assertThat(this.policy.validate("🔑🔑🔑🔑", this.ada)).isNotEmpty();
		assertThat(new DefaultPasswordPolicy(4).validate("🔑🔑🔑🔑", this.ada)).isEmpty();
	}

	@Test
	void validateWhenSimilarToEmailOrNameThenReported() {
		assertThat(this.policy.validate("ada.lovelace", this.ada))
			.containsExactly("The password is too similar to the email.");
		assertThat(this.policy.validate("Lovelace1", this.ada))
			.containsExactly("The password is too similar to the email.");
		assertThat(this.policy.validate("xyzzy-plugh", this.ada)).isEmpty();
	}

	@Test
	void validateWhenCommonPasswordThenReportedWhateverTheCase() {
		assertThat(this.policy.validate("iloveyou", this.ada)).containsExactly("This password is too common.");
		assertThat(this.policy.validate("QwertyUiop", this.ada)).containsExactly("This password is too common.");
		assertThat(this.policy.validate("password", this.ada)).containsExactly("This password is too common.");
		// a common word inside a longer passphrase is fine
		assertThat(this.policy.validate("iloveyou and the sea", this.ada)).isEmpty();
	}

	@Test
	void ratioWhenComparedWithPythonSequenceMatcherThenSameValues() {
		// difflib.SequenceMatcher(None, a, b).ratio()
		assertThat(DefaultPasswordPolicy.ratio("abcd", "bcde")).isCloseTo(0.75, within(1e-9));
		assertThat(DefaultPasswordPolicy.ratio("lovelace1", "lovelace")).isCloseTo(16.0 / 17.0, within(1e-9));
		assertThat(DefaultPasswordPolicy.ratio("abc", "xyz")).isZero();
	}

}
