package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import io.github.jwtallauth.autoconfigure.mail.OutboxSending;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows against a clock the test moves: links and capabilities expire when the
 * properties say, and mails queued while the SMTP server is down arrive once it is back.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.email-verification=mandatory", "jwtallauth.email-verification-expiry=2d",
				"jwtallauth.password.reset-timeout=1h", "jwtallauth.password.reset-cookie.max-age=10m" })
@Import(MutableClockConfiguration.class)
class ClockedFlowTests extends MailFlowTestSupport {

	static final String PASSWORD = "Tr0ub4dor&3-horse";

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@Test
	void signUpWhenSmtpDownThenSameAnswerAndTheVerificationMailArrivesOnceItIsBack() {
		String email = newAddress();
		smtp.stop();
		Response signedUp = signUp(email);
		assertThat(signedUp.status()).isEqualTo(201);
		assertThat(signedUp.text("detail")).isEqualTo("Verification e-mail sent.");
		// the delivery attempted right after the commit fails against the dead server,
		// and is recorded
		Awaitility.await("a failed delivery to " + email)
			.atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> failedAttempts(email), (attempts) -> attempts >= 1);
		smtp.start();
		assertThat(this.mailbox.to(email)).isEmpty();
		// the retry is not due before the backoff has passed on the application's clock
		OutboxSending.sendDue(this.context);
		assertThat(this.mailbox.to(email)).isEmpty();
		this.clock.advance(Duration.ofMinutes(2));
		OutboxSending.sendDue(this.context);
		Mail mail = this.mailbox.next(email, 0);
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(302);
		assertThat(login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void verificationLinkWhenOlderThanTheExpiryThenFailurePageAndLoginStillRefused() {
		String email = newAddress();
		signUp(email);
		Mail mail = this.mailbox.next(email, 0);
		this.clock.advance(Duration.ofDays(2).plusSeconds(1));
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(400);
		assertThat(login(email, PASSWORD).text("code")).isEqualTo("email_not_verified");
	}

	@Test
	void resetLinkWhenOlderThanTheTimeoutThenInvalidPage() {
		String email = newAddress();
		userWithPassword(email);
		this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send();
		Mail mail = this.mailbox.next(email, 0);
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(302);
		this.clock.advance(Duration.ofMinutes(2));
		Response expired = this.http.get(mail.linkPath()).send();
		assertThat(expired.status()).isEqualTo(200);
		assertThat(expired.setCookie("password_reset_access_token")).isEmpty();
	}

	@Test
	void capabilityWhenOlderThanItsCookieMaxAgeThenUnauthorized() {
		String email = newAddress();
		userWithPassword(email);
		this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send();
		Response opened = this.http.get(this.mailbox.next(email, 0).linkPath()).send();
		assertThat(opened.setCookie("password_reset_access_token").orElseThrow()).contains("Max-Age=600");
		String csrf = opened.cookieValue("XSRF-TOKEN").orElseThrow();
		this.clock.advance(Duration.ofMinutes(11));
		Response late = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.header("X-CSRF-TOKEN", csrf)
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(late.status()).isEqualTo(401);
	}

	/** Failed delivery attempts of the one unsent mail queued for an address. */
	private int failedAttempts(String email) {
		return this.jdbc.queryForObject(
				"select attempts from jwt_allauth_mail_outbox where recipient = ? and sent_at is null", Integer.class,
				email);
	}

	private Response signUp(String email) {
		return this.http.post("/jwt-allauth/registration")
			.json(json("email", email, "password1", PASSWORD, "password2", PASSWORD))
			.send();
	}

}
