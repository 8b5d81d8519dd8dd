package io.github.jwtallauth.autoconfigure.flows;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jwtallauth.templates.*} replaces a mail or page by naming another template (the
 * original's override setting never worked), and messages come from the application's
 * bundle first.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"spring.messages.basename=acme-messages", "jwtallauth.templates.password-reset=custom/reset",
				"jwtallauth.templates.password-reset-subject=custom/reset-subject",
				"jwtallauth.templates.verification-failed=custom/failed" })
class TemplateOverrideTests extends MailFlowTestSupport {

	@Test
	void resetMailWhenTemplatesOverriddenThenTheApplicationsTemplatesAndMessagesAreUsed() {
		String email = newAddress();
		userWithPassword(email);
		assertThat(this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send().status())
			.isEqualTo(200);
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("ACME: choose a new password");
		assertThat(mail.text())
			.startsWith("ACME reset for " + email + ": http://127.0.0.1/jwt-allauth/password/reset/confirm/");
		assertThat(mail.html()).contains("ACME reset for <span>" + email + "</span>");
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(302);
	}

	@Test
	void failurePageWhenTemplateOverriddenThenTheApplicationsPage() {
		Response failed = this.http.get("/jwt-allauth/registration/verification/unknown-key").send();
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.body()).contains("ACME says this link is not valid.");
	}

}
