package io.github.jwtallauth.autoconfigure.flows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.EmailVerifiedEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up with {@code email-verification=mandatory}: no login before the mailed link is
 * followed, taken addresses hidden, the owner told by mail, resends limited per address.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.email-verification=mandatory",
				"jwtallauth.public-base-url=https://accounts.example.com/app/" })
class EmailVerificationTests extends MailFlowTestSupport {

	static final String PASSWORD = "Tr0ub4dor&3-horse";

	@Autowired
	TestApplication.RecordedEvents events;

	@Test
	void signUpWhenMandatoryThenNoSessionUntilTheLinkIsFollowed() {
		String email = newAddress();
		Response signedUp = signUp(email, PASSWORD);
		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
		assertThat(signedUp.body()).isEqualTo("{\"detail\":\"Verification e-mail sent.\"}");
		assertThat(signedUp.setCookie("refresh_token")).isEmpty();
		Mail mail = this.mailbox.next(email, 0);
		Response early = login(email, PASSWORD);
		assertThat(early.status()).isEqualTo(401);
		assertThat(early.text("code")).isEqualTo("email_not_verified");

		assertThat(mail.subject()).isEqualTo("Confirm your e-mail address");
		// links are built from public-base-url, never from the Host header
		assertThat(mail.link()).startsWith("https://accounts.example.com/app/jwt-allauth/registration/verification/");
		assertThat(mail.html()).contains("href=\"" + mail.link() + "\"");
		String path = mail.linkPath().substring("/app".length());
		Response followed = this.http.get(path).send();
		assertThat(followed.status()).isEqualTo(302);
		assertThat(followed.header("Location")).hasValue("/jwt-allauth/registration/verified");
		Response page = this.http.get("/jwt-allauth/registration/verified").send();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Your e-mail address has been verified.");
		// the test classpath holds a page with the built-in name, as an application would
		assertThat(page.body()).contains("Replaced by the application");

		Response session = login(email, PASSWORD);
		assertThat(session.status()).isEqualTo(200);
		String claims = new String(Base64.getUrlDecoder().decode(session.text("access").split("\\.")[1]));
		assertThat(claims).contains("\"email_verified\":true");
		assertThat(this.events.all()).anyMatch(AccountRegisteredEvent.class::isInstance)
			.anyMatch(EmailVerifiedEvent.class::isInstance);

		// single use: the second click shows the failure page
		Response again = this.http.get(path).send();
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(again.body()).contains("Link invalid or expired");
	}

	@Test
	void signUpWhenAnsweredThenTheAccountAlreadyExists() {
		String email = newAddress();
		Response signedUp = signUp(email, PASSWORD);
		assertThat(signedUp.status()).isEqualTo(201);
		// no waiting for any mail or background work: 201 means the account is written
		String id = this.accounts.findByEmail(email).orElseThrow().getId();
		Response loginAtOnce = login(email, PASSWORD);
		assertThat(loginAtOnce.status()).isEqualTo(401);
		assertThat(loginAtOnce.text("code")).isEqualTo("email_not_verified");
		assertThat(this.events.all()).anyMatch(
				(event) -> event instanceof AccountRegisteredEvent registered && registered.getUserId().equals(id));
	}

	@Test
	void signUpWhenAddressTakenThenSameAnswerAndOwnerIsToldByMail() {
		String email = newAddress();
		UserAccount owner = userWithPassword(email);
		String before = owner.getPassword();
		Response taken = signUp(email, "another Passw0rd!");
		Response fresh = signUp(newAddress(), PASSWORD);
		assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(201);
		assertThat(taken.body()).isEqualTo(fresh.body());
		Mail notice = this.mailbox.next(email, 0);
		assertThat(notice.subject()).isEqualTo("You already have an account");
		assertThat(notice.text()).contains("no new account was created").doesNotContain("http");
		UserAccount after = this.accounts.findByEmail(email).orElseThrow();
		assertThat(after.getPassword()).isEqualTo(before);
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void signUpWhenTakenAddressFloodedThenOwnerGetsOneNoticePerAllowance() {
		String email = newAddress();
		userWithPassword(email);
		for (int i = 0; i < 4; i++) {
			assertThat(signUp(email, PASSWORD).status()).isEqualTo(201);
		}
		this.mailbox.next(email, 0);
		assertThat(queuedRecipients()).containsExactly(email);
		assertThat(this.mailbox.to(email)).hasSize(1);
	}

	@Test
	void resendWhenKnownOrUnknownAddressThenByteIdenticalAnswersAndLimitedPerAddress() {
		String email = newAddress();
		signUp(email, PASSWORD);
		this.mailbox.next(email, 0);
		// the sign-up spent the address's allowance (1 mail per 3 minutes)
		Response throttled = resend(email);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isPresent();
		String other = newAddress();
		Response unknown = resend(other);
		Response unknownAgain = resend(other);
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknownAgain.status()).isEqualTo(429);
		assertThat(unknownAgain.body()).isEqualTo(throttled.body());
	}

	@Test
	void followWhenKeyForgedExpiredOrOfAnotherPurposeThenFailurePage() {
		for (String key : new String[] { "not-a-key", "a".repeat(43), "%00", "x".repeat(400) }) {
			Response response = this.http.get("/jwt-allauth/registration/verification/" + key).send();
			assertThat(response.status()).as(key).isEqualTo(400);
			assertThat(response.setCookie("set_password_access_token")).isEmpty();
		}
	}

	@Test
	void refreshWhenAccountUnverifiedThenNoSessionExistsToRefresh() {
		String email = newAddress();
		Response signedUp = signUp(email, PASSWORD);
		assertThat(signedUp.cookieValue("refresh_token")).isEmpty();
		this.mailbox.next(email, 0);
		assertThat(this.accounts.findByEmail(email).orElseThrow().isEmailVerified()).isFalse();
	}

	@Test
	void signUpWhenDisplayNameAddressThenInvalidAndNoAccountAndNoMail() {
		String address = displayNameAddress();
		Response signedUp = signUp(address, PASSWORD);
		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(400);
		assertThat(signedUp.text("code")).isEqualTo("invalid");
		assertThat(signedUp.json().get("errors").propertyNames()).containsExactly("email");
		assertThat(accountsWithAddressContaining("evil.io")).isZero();
		assertThat(queuedRecipients()).isEmpty();
	}

	@Test
	void resendWhenDisplayNameAddressThenInvalidAndNoMail() {
		Response resent = resend(displayNameAddress());
		assertThat(resent.status()).as(resent.toString()).isEqualTo(400);
		assertThat(resent.text("code")).isEqualTo("invalid");
		assertThat(resent.json().get("errors").propertyNames()).containsExactly("email");
		assertThat(queuedRecipients()).isEmpty();
	}

	private Response signUp(String email, String password) {
		return this.http.post("/jwt-allauth/registration")
			.json(json("email", email, "password1", password, "password2", password, "first_name", "Ada", "last_name",
					"Lovelace"))
			.send();
	}

	private Response resend(String email) {
		return this.http.post("/jwt-allauth/registration/resend-verification").json(json("email", email)).send();
	}

}
