package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.MfaParts.Enrolled;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;

import static io.github.jwtallauth.autoconfigure.mfa.MfaChallengesTests.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's enrolment: setup, activation with a code from the app, new recovery codes,
 * deactivation and the administrator's reset.
 */
class MfaEnrolmentTests {

	MfaParts parts = new MfaParts();

	@AfterEach
	void close() {
		this.parts.close();
	}

	@Test
	void setupWhenStartedThenASecretTheAppReadsKeptEncryptedAndNotYetActive() {
		UserAccount user = this.parts.user("42");
		MfaService.Enrolment enrolment = this.parts.enrolment.setup(user);
		assertThat(Rfc6238.base32(enrolment.secret())).hasSize(20);
		assertThat(enrolment.provisioningUri()).startsWith("otpauth://totp/Example:user42%40example.com?")
			.contains("secret=" + enrolment.secret(), "issuer=Example");
		assertThat(enrolment.qrCode()).startsWith("<?xml").contains("<svg");
		MfaStore.Authenticator pending = this.parts.store.authenticator("42", MfaStore.TOTP).orElseThrow();
		assertThat(pending.confirmed()).isFalse();
		assertThat(pending.secret()).isNotNull().doesNotContain(enrolment.secret());
		assertThat(this.parts.cipher.decrypt(pending.secret(), "42")).isEqualTo(enrolment.secret());
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
		assertThat(this.parts.enrolment.authenticators("42")).isEmpty();
	}

	@Test
	void setupWhenStartedAgainThenOnlyTheNewSecretActivates() {
		UserAccount user = this.parts.user("42");
		String first = this.parts.enrolment.setup(user).secret();
		String second = this.parts.enrolment.setup(user).secret();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.parts.rows("jwt_allauth_mfa_authenticator", "42")).isEqualTo(1);
		String firstCode = this.parts.code(first);
		if (!firstCode.equals(this.parts.code(second))) {
			assertInvalid(() -> this.parts.enrolment.activate("42", firstCode, null), ErrorCode.MFA_INVALID_CODE);
		}
		assertThat(this.parts.enrolment.activate("42", this.parts.code(second), null)).hasSize(10);
	}

	@Test
	void setupWhenNoQrCodesThenNone() {
		this.parts.close();
		this.parts = new MfaParts(MfaMode.OPTIONAL, false);
		MfaService.Enrolment enrolment = this.parts.enrolment.setup(this.parts.user("42"));
		assertThat(enrolment.qrCode()).isNull();
		assertThat(enrolment.provisioningUri()).startsWith("otpauth://totp/");
	}

	@Test
	void activateWhenValidCodeThenEnrolledWithRecoveryCodesAndPublished() {
		String secret = this.parts.enrolment.setup(this.parts.user("42")).secret();
		List<String> recoveryCodes = this.parts.enrolment.activate("42", this.parts.code(secret), null);
		assertThat(recoveryCodes).hasSize(MfaService.RECOVERY_CODES)
			.allSatisfy((code) -> assertThat(code).matches(RecoveryCodesTests.CODE));
		assertThat(this.parts.enrolment.isEnrolled("42")).isTrue();
		assertThat(this.parts.enrolment.authenticators("42")).extracting(Authenticator::type)
			.containsExactly(MfaStore.TOTP, MfaStore.RECOVERY_CODES);
		assertThat(this.parts.events(MfaEnabledEvent.class)).extracting(MfaEnabledEvent::getUserId)
			.containsExactly("42");
		// the activation code is spent: the login after it needs the next one
		assertThat(this.parts.totpCodes.accept("42", this.parts.code(secret))).isFalse();
		assertInvalid(() -> this.parts.enrolment.setup(this.parts.user("42")), ErrorCode.MFA_ALREADY_ACTIVE);
	}

	@Test
	void activateWhenWrongCodeThenRefusedAndNotEnrolled() {
		String secret = this.parts.enrolment.setup(this.parts.user("42")).secret();
		assertInvalid(() -> this.parts.enrolment.activate("42", this.parts.wrongCode(secret), null),
				ErrorCode.MFA_INVALID_CODE);
		assertInvalid(() -> this.parts.enrolment.activate("42", "not a code", null), ErrorCode.MFA_INVALID_CODE);
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
		assertThat(this.parts.events(MfaFailedEvent.class)).hasSize(2);
		assertThat(this.parts.events(MfaEnabledEvent.class)).isEmpty();
		assertThat(this.parts.enrolment.activate("42", this.parts.code(secret), null)).isNotEmpty();
	}

	@Test
	void activateWhenNotStartedOrSetupTooOldThenNotStarted() {
		assertInvalid(() -> this.parts.enrolment.activate("42", "123456", null), ErrorCode.MFA_SETUP_NOT_STARTED);
		String secret = this.parts.enrolment.setup(this.parts.user("42")).secret();
		this.parts.clock.advance(MfaService.SETUP_LIFETIME);
		String code = this.parts.code(secret);
		assertInvalid(() -> this.parts.enrolment.activate("42", code, null), ErrorCode.MFA_SETUP_NOT_STARTED);
	}

	@Test
	void activateWhenSetupChallengeThenSpentWithItAndOnlyForItsUser() {
		String secret = this.parts.enrolment.setup(this.parts.user("42")).secret();
		String own = this.parts.challenges.issue("42", MfaChallenges.SETUP);
		String others = this.parts.challenges.issue("43", MfaChallenges.SETUP);
		String code = this.parts.code(secret);
		assertInvalid(() -> this.parts.enrolment.activate("42", code, others), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
		assertThat(this.parts.enrolment.activate("42", code, own)).hasSize(MfaService.RECOVERY_CODES);
		assertInvalid(() -> this.parts.challenges.userOf(own, MfaChallenges.SETUP), ErrorCode.MFA_CHALLENGE_INVALID);
		assertThat(this.parts.challenges.userOf(others, MfaChallenges.SETUP)).isEqualTo("43");
	}

	@Test
	void regenerateRecoveryCodesWhenTotpCodeThenTheOldOnesStopWorking() {
		Enrolled enrolled = this.parts.enrol(this.parts.user("42"));
		assertInvalid(() -> this.parts.enrolment.regenerateRecoveryCodes("42", this.parts.wrongCode(enrolled.secret())),
				ErrorCode.MFA_INVALID_CODE);
		List<String> fresh = this.parts.enrolment.regenerateRecoveryCodes("42", this.parts.code(enrolled.secret()));
		assertThat(fresh).hasSize(MfaService.RECOVERY_CODES).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
		assertThat(enrolled.recoveryCodes()).noneMatch((code) -> this.parts.recoveryCodes.spend("42", code));
		assertThat(this.parts.recoveryCodes.spend("42", fresh.get(0))).isTrue();
		assertInvalid(() -> this.parts.enrolment.regenerateRecoveryCodes("43", "123456"), ErrorCode.MFA_NOT_ACTIVE);
	}

	@Test
	void deactivateWhenPasswordAndCodeThenMfaIsOffAndPublished() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		this.parts.challenges.issue("42", MfaChallenges.LOGIN);
		this.parts.enrolment.deactivate(user, MfaParts.PASSWORD, this.parts.code(enrolled.secret()), "192.0.2.1");
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
		assertThat(this.parts.rows("jwt_allauth_mfa_authenticator", "42")).isZero();
		assertThat(this.parts.rows("jwt_allauth_mfa_recovery_code", "42")).isZero();
		assertThat(this.parts.rows("jwt_allauth_mfa_challenge", "42")).isZero();
		assertThat(this.parts.events(MfaDisabledEvent.class)).extracting(MfaDisabledEvent::getUserId)
			.containsExactly("42");
		assertInvalid(() -> this.parts.enrolment.deactivate(user, MfaParts.PASSWORD, "123456", null),
				ErrorCode.MFA_NOT_ACTIVE);
	}

	@Test
	void deactivateWhenRecoveryCodeThenMfaIsOff() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		this.parts.enrolment.deactivate(user, MfaParts.PASSWORD, enrolled.recoveryCodes().get(3), null);
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
	}

	@Test
	void deactivateWhenWrongPasswordOrCodeThenRefusedAndStillEnrolled() {
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		String code = this.parts.code(enrolled.secret());
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> this.parts.enrolment.deactivate(user, "wrong password", code, null))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID);
				assertThat(ex.getErrors()).containsOnlyKeys("password");
			});
		assertInvalid(() -> this.parts.enrolment.deactivate(user, MfaParts.PASSWORD,
				this.parts.wrongCode(enrolled.secret()), null), ErrorCode.MFA_INVALID_CODE);
		assertThat(this.parts.enrolment.isEnrolled("42")).isTrue();
		assertThat(this.parts.events(MfaDisabledEvent.class)).isEmpty();
		assertThat(this.parts.events(MfaFailedEvent.class)).hasSize(2);
	}

	@Test
	void deactivateWhenRequiredModeThenRefused() {
		this.parts.close();
		this.parts = new MfaParts(MfaMode.REQUIRED, true);
		UserAccount user = this.parts.user("42");
		Enrolled enrolled = this.parts.enrol(user);
		String code = this.parts.code(enrolled.secret());
		assertInvalid(() -> this.parts.enrolment.deactivate(user, MfaParts.PASSWORD, code, null),
				ErrorCode.MFA_REQUIRED_MODE);
		assertThat(this.parts.enrolment.isEnrolled("42")).isTrue();
	}

	@Test
	void resetWhenCalledThenEverythingOfTheUserAndNoOtherIsGone() {
		this.parts.enrol(this.parts.user("42"));
		this.parts.enrol(this.parts.user("43"));
		this.parts.attempts.failure("42", this.parts.attempts.charge("42", null));
		this.parts.enrolment.reset("42");
		assertThat(this.parts.enrolment.isEnrolled("42")).isFalse();
		assertThat(this.parts.rows("jwt_allauth_mfa_recovery_code", "42")).isZero();
		assertThat(this.parts.rows("jwt_allauth_mfa_failure", "42")).isZero();
		assertThat(this.parts.enrolment.isEnrolled("43")).isTrue();
		assertThat(this.parts.rows("jwt_allauth_mfa_recovery_code", "43")).isEqualTo(MfaService.RECOVERY_CODES);
		// a new enrolment may start at once
		this.parts.clock.advance(Duration.ofSeconds(30));
		assertThat(this.parts.enrolment.setup(this.parts.user("42")).secret()).isNotBlank();
	}

}
