package io.github.jwtallauth.autoconfigure.mail;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The account mailer refuses, at start-up, a {@code jwtallauth.templates.*} setting that
 * names a template that does not exist.
 */
class AccountMailerTests {

	@Test
	void mailerWhenTemplateMissingThenStartUpFailsNamingTheProperty() {
		JwtAllAuthProperties.Templates names = new JwtAllAuthProperties.Templates(
				"jwtallauth/mail/verification-subject", "custom/does-not-exist",
				"jwtallauth/mail/password-reset-subject", "jwtallauth/mail/password-reset",
				"jwtallauth/mail/invitation-subject", "jwtallauth/mail/invitation",
				"jwtallauth/mail/account-exists-subject", "jwtallauth/mail/account-exists",
				"jwtallauth/verification-failed");
		assertThatIllegalStateException().isThrownBy(() -> new AccountMailer((mail) -> {
		}, new JwtAllAuthTemplates(new StaticMessageSource()), names))
			.withMessageContaining("jwtallauth.templates.verification")
			.withMessageContaining("custom/does-not-exist.txt");
	}

}
