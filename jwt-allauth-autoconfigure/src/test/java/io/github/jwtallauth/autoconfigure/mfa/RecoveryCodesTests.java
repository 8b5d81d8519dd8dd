package io.github.jwtallauth.autoconfigure.mfa;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery codes: a set of {@link MfaService#RECOVERY_CODES}, stored only as keyed
 * hashes, each spent once, all replaced by a new set.
 */
class RecoveryCodesTests {

	// the alphabet leaves out I, O, 0 and 1, which read alike
	static final String CODE = "[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}";

	final MfaParts parts = new MfaParts();

	final RecoveryCodes recoveryCodes = this.parts.recoveryCodes;

	@AfterEach
	void close() {
		this.parts.close();
	}

	@Test
	void replaceWhenCalledThenASetOfDistinctReadableCodes() {
		List<String> codes = this.recoveryCodes.replace("42", this.parts.clock.instant());
		assertThat(codes).hasSize(MfaService.RECOVERY_CODES)
			.doesNotHaveDuplicates()
			.allSatisfy((code) -> assertThat(code).matches(CODE));
		assertThat(this.parts.rows("jwt_allauth_mfa_recovery_code", "42")).isEqualTo(MfaService.RECOVERY_CODES);
		assertThat(this.recoveryCodes.replace("42", this.parts.clock.instant())).doesNotContainAnyElementsOf(codes);
	}

	@Test
	void replaceWhenStoredThenOnlyHashesUnderTheKeyAreKept() {
		List<String> codes = this.recoveryCodes.replace("42", this.parts.clock.instant());
		List<String> stored = this.parts.jdbc
			.queryForList("select code_hash from jwt_allauth_mfa_recovery_code where user_id = ?", String.class, "42");
		List<String> expected = codes.stream()
			.map((code) -> this.parts.cipher.hash("42", RecoveryCodes.normalize(code)))
			.toList();
		assertThat(stored).containsExactlyInAnyOrderElementsOf(expected)
			.allSatisfy((hash) -> assertThat(hash).matches("[0-9a-f]{64}"));
		// the same codes under another key would not be found: a copy of the database
		// alone cannot test guesses
		SecretCipher otherKey = new SecretCipher(SecretCipher.randomKey());
		RecoveryCodes elsewhere = new RecoveryCodes(this.parts.store, otherKey, this.parts.clock);
		assertThat(codes).noneMatch((code) -> elsewhere.spend("42", code));
	}

	@Test
	void spendWhenEachCodeThenGoodOnceAndOnlyForItsUser() {
		List<String> codes = this.recoveryCodes.replace("42", this.parts.clock.instant());
		this.recoveryCodes.replace("43", this.parts.clock.instant());
		for (String code : codes) {
			assertThat(this.recoveryCodes.spend("43", code)).as("another user's %s", code).isFalse();
			assertThat(this.recoveryCodes.spend("42", code)).as(code).isTrue();
			assertThat(this.recoveryCodes.spend("42", code)).as("%s again", code).isFalse();
		}
		assertThat(this.parts.jdbc.queryForObject(
				"select count(*) from jwt_allauth_mfa_recovery_code where user_id = ? and used is not null",
				Integer.class, "42"))
			.isEqualTo(MfaService.RECOVERY_CODES);
	}

	@Test
	void spendWhenTypedWithoutDashInLowerCaseOrSpacedThenAccepted() {
		List<String> codes = this.recoveryCodes.replace("42", this.parts.clock.instant());
		assertThat(this.recoveryCodes.spend("42", codes.get(0).replace("-", "").toLowerCase(Locale.ROOT))).isTrue();
		assertThat(this.recoveryCodes.spend("42", " " + codes.get(1).replace("-", " ") + " ")).isTrue();
	}

	@Test
	void spendWhenNotACodeThenRefused() {
		String code = this.recoveryCodes.replace("42", this.parts.clock.instant()).get(0);
		assertThat(this.recoveryCodes.spend("42", "")).isFalse();
		assertThat(this.recoveryCodes.spend("42", code.substring(0, 10))).isFalse();
		assertThat(this.recoveryCodes.spend("42", code + "A")).isFalse();
		assertThat(this.recoveryCodes.spend("42", "AAAAA-AAAAA")).isFalse();
		assertThat(this.recoveryCodes.spend("42", code)).isTrue();
	}

	@Test
	void replaceWhenCodesExistThenTheOldOnesNoLongerWork() {
		List<String> old = this.recoveryCodes.replace("42", this.parts.clock.instant());
		this.recoveryCodes.spend("42", old.get(0));
		List<String> fresh = this.recoveryCodes.replace("42", this.parts.clock.instant());
		assertThat(old).noneMatch((code) -> this.recoveryCodes.spend("42", code));
		assertThat(this.parts.rows("jwt_allauth_mfa_recovery_code", "42")).isEqualTo(MfaService.RECOVERY_CODES);
		assertThat(this.recoveryCodes.spend("42", fresh.get(0))).isTrue();
	}

	@Test
	void spendWhenSpentThenTheAuthenticatorRecordsItsLastUse() {
		String code = this.recoveryCodes.replace("42", this.parts.clock.instant()).get(0);
		assertThat(this.parts.store.authenticator("42", MfaStore.RECOVERY_CODES)).get()
			.satisfies((row) -> assertThat(row.lastUsed()).isNull());
		this.parts.clock.advance(MfaService.CHALLENGE_LIFETIME);
		assertThat(this.recoveryCodes.spend("42", code)).isTrue();
		assertThat(this.parts.store.authenticator("42", MfaStore.RECOVERY_CODES)).get()
			.satisfies((row) -> assertThat(row.lastUsed()).isEqualTo(this.parts.clock.instant()));
	}

}
