package io.github.jwtallauth.autoconfigure.flows;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.PasswordResetEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password reset end to end: the request, the mail received over SMTP, its link, the
 * capability and CSRF cookies, and {@code set-new}; then the ways an attacker would try
 * to misuse each step.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.password.reset-cookie.secure=false" })
class PasswordResetTests extends MailFlowTestSupport {

	@Autowired
	TestApplication.RecordedEvents events;

	@Test
	void resetWhenLinkFollowedAndPasswordSetThenOldSessionsEndAndNewPasswordWorks() {
		String email = newAddress();
		userWithPassword(email);
		Response oldSession = login(email, TestUsers.PASSWORD);
		Response requested = requestReset(email);
		assertThat(requested.status()).isEqualTo(200);
		assertThat(requested.text("detail")).isEqualTo("Password reset e-mail has been sent.");
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("Password reset");
		assertThat(mail.link()).startsWith("http://127.0.0.1/jwt-allauth/password/reset/confirm/");
		assertThat(mail.html()).contains(mail.link());

		Response opened = this.http.get(mail.linkPath()).send();
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.header("Location")).hasValue("/jwt-allauth/password/reset/default");
		assertThat(opened.setCookie("password_reset_access_token").orElseThrow()).contains("HttpOnly", "Max-Age=3600",
				"SameSite=Lax", "Path=/");
		assertThat(opened.setCookie("XSRF-TOKEN").orElseThrow()).doesNotContain("HttpOnly");
		String capability = cookies(opened, "password_reset_access_token", "XSRF-TOKEN");
		String csrf = opened.cookieValue("XSRF-TOKEN").orElseThrow();

		Response form = this.http.get("/jwt-allauth/password/reset/default").header("Cookie", capability).send();
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.header("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(form.body()).contains("name=\"new_password1\"", "value=\"" + csrf + "\"");
		// the form says whose password it sets, masked: a planted link of someone else's
		// shows
		assertThat(form.body()).contains("For the account u***@example.com").doesNotContain(email);

		Response done = setNew(capability, csrf, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(done.status()).as(done.toString()).isEqualTo(200);
		assertThat(done.text("detail")).isEqualTo("Password reset.");
		assertThat(done.text("access")).isNotBlank();
		assertThat(done.cookieValue("refresh_token")).isPresent();
		assertThat(done.setCookie("password_reset_access_token").orElseThrow()).contains("Max-Age=0");
		assertThat(refresh(oldSession.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(401);
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(401);
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(this.events.all()).anyMatch(PasswordResetEvent.class::isInstance);

		// the capability is spent, and the link died with the password change
		Response replayed = setNew(capability, csrf, "yet another passphrase", "yet another passphrase");
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.header("WWW-Authenticate")).hasValue("Cookie");
		Response deadLink = this.http.get(mail.linkPath()).send();
		assertThat(deadLink.status()).isEqualTo(200);
		assertThat(deadLink.setCookie("password_reset_access_token")).isEmpty();
		assertThat(deadLink.body()).contains("invalid");
	}

	@Test
	void resetWhenAnswerForKnownAndUnknownAddressThenByteIdenticalAndOnlyKnownGetsMail() {
		String known = newAddress();
		userWithPassword(known);
		String unknown = newAddress();
		Response forKnown = requestReset(known);
		Response forUnknown = requestReset(unknown);
		assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(200);
		assertThat(forKnown.body()).isEqualTo(forUnknown.body());
		assertThat(forKnown.header("Content-Type")).isEqualTo(forUnknown.header("Content-Type"));
		assertThat(this.mailbox.next(known, 0).subject()).isEqualTo("Password reset");
		assertThat(queuedRecipients()).containsExactly(known);
		assertThat(this.mailbox.to(known)).hasSize(1);
		assertThat(this.mailbox.to(unknown)).isEmpty();
	}

	@Test
	void resetWhenLinkOpenedSeveralTimesThenItStillWorksAndOnlyTheNewestCapabilityCounts() {
		String email = newAddress();
		userWithPassword(email);
		requestReset(email);
		Mail mail = this.mailbox.next(email, 0);
		// a mail scanner opens the link first
		Response scanner = this.http.get(mail.linkPath()).send();
		assertThat(scanner.status()).isEqualTo(302);
		Response user = this.http.get(mail.linkPath()).send();
		assertThat(user.status()).isEqualTo(302);
		Response stale = setNew(cookies(scanner, "password_reset_access_token", "XSRF-TOKEN"),
				scanner.cookieValue("XSRF-TOKEN").orElseThrow(), NEW_PASSWORD, NEW_PASSWORD);
		assertThat(stale.status()).isEqualTo(401);
		Response fresh = setNew(cookies(user, "password_reset_access_token", "XSRF-TOKEN"),
				user.cookieValue("XSRF-TOKEN").orElseThrow(), NEW_PASSWORD, NEW_PASSWORD);
		assertThat(fresh.status()).isEqualTo(200);
	}

	@Test
	void setNewWhenPasswordRejectedThenCapabilityIsNotSpent() {
		Response opened = openResetLink(newAddress());
		String capability = cookies(opened, "password_reset_access_token", "XSRF-TOKEN");
		String csrf = opened.cookieValue("XSRF-TOKEN").orElseThrow();
		Response mismatch = setNew(capability, csrf, NEW_PASSWORD, "something else entirely");
		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.json().get("errors").get("new_password2").get(0).asString())
			.isEqualTo("The two password fields didn’t match.");
		Response weak = setNew(capability, csrf, "12345678", "12345678");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.body()).contains("This password is entirely numeric.");
		assertThat(setNew(capability, csrf, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void setNewWhenCsrfTokenMissingOrWrongThenForbiddenAndCapabilityKept() {
		Response opened = openResetLink(newAddress());
		String capability = cookies(opened, "password_reset_access_token", "XSRF-TOKEN");
		String csrf = opened.cookieValue("XSRF-TOKEN").orElseThrow();
		Response missing = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", capability)
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(missing.status()).isEqualTo(403);
		assertThat(missing.text("code")).isEqualTo("csrf_failed");
		// one character changed: a token that already starts with "A" gets a "B"
		String other = ((csrf.charAt(0) == 'A') ? "B" : "A") + csrf.substring(1);
		Response wrong = setNew(capability, other, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(wrong.status()).isEqualTo(403);
		// an attacker who can plant cookies sets both cookie and header to a value of its
		// own
		Response planted = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie",
					"password_reset_access_token=" + opened.cookieValue("password_reset_access_token").orElseThrow()
							+ "; XSRF-TOKEN=planted-token")
			.header("X-CSRF-TOKEN", "planted-token")
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(planted.status()).isEqualTo(403);
		assertThat(setNew(capability, csrf, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void setNewWhenFormPostedWithCsrfFieldThenAccepted() {
		Response opened = openResetLink(newAddress());
		String csrf = opened.cookieValue("XSRF-TOKEN").orElseThrow();
		Response posted = this.http.post("/jwt-allauth/password/reset/set-new/")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.body("application/x-www-form-urlencoded",
					"new_password1=a+brand+new+passphrase&new_password2=a+brand+new+passphrase&_csrf=" + csrf)
			.send();
		assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
		assertThat(posted.text("detail")).isEqualTo("Password reset.");
	}

	@Test
	void setNewWhenAccessTokenOrRefreshTokenPresentedAsCapabilityThenUnauthorized() {
		String email = newAddress();
		userWithPassword(email);
		Response session = login(email, TestUsers.PASSWORD);
		for (String token : new String[] { session.text("access"),
				session.cookieValue("refresh_token").orElseThrow() }) {
			Response forged = this.http.post("/jwt-allauth/password/reset/set-new")
				.header("Cookie", "password_reset_access_token=" + token + "; XSRF-TOKEN=x")
				.header("X-CSRF-TOKEN", "x")
				.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
				.send();
			assertThat(forged.status()).isEqualTo(401);
			assertThat(forged.header("WWW-Authenticate")).hasValue("Cookie");
		}
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void setNewWhenNoCookieThenUnauthorized() {
		Response none = this.http.post("/jwt-allauth/password/reset/set-new")
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.text("code")).isEqualTo("not_authenticated");
	}

	@Test
	void resetWhenRequestedAgainThenOnlyTheNewestLinkWorks() {
		String email = newAddress();
		userWithPassword(email);
		requestReset(email);
		Mail first = this.mailbox.next(email, 0);
		requestReset(email);
		Mail second = this.mailbox.next(email, 1);
		assertThat(this.http.get(first.linkPath()).send().status()).isEqualTo(200);
		assertThat(this.http.get(second.linkPath()).send().status()).isEqualTo(302);
	}

	@Test
	void resetWhenPasswordChangedAfterTheMailThenLinkIsDead() {
		String email = newAddress();
		userWithPassword(email);
		requestReset(email);
		Mail mail = this.mailbox.next(email, 0);
		Response session = login(email, TestUsers.PASSWORD);
		Response changed = this.http.post("/jwt-allauth/password/change")
			.bearer(session.text("access"))
			.json(json("old_password", TestUsers.PASSWORD, "new_password1", NEW_PASSWORD, "new_password2",
					NEW_PASSWORD))
			.send();
		assertThat(changed.status()).isEqualTo(200);
		Response opened = this.http.get(mail.linkPath()).send();
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.setCookie("password_reset_access_token")).isEmpty();
	}

	@Test
	void resetWhenLinkTamperedThenInvalidPage() {
		String email = newAddress();
		UserAccount user = userWithPassword(email);
		requestReset(email);
		String path = this.mailbox.next(email, 0).linkPath();
		String other = userWithPassword(newAddress()).getId();
		String[] parts = path.split("/");
		String token = parts[parts.length - 1];
		String foreignUid = Base64.getUrlEncoder().withoutPadding().encodeToString(other.getBytes());
		for (String tampered : new String[] { "/jwt-allauth/password/reset/confirm/" + foreignUid + "/" + token,
				path.substring(0, path.length() - 2) + "xx", "/jwt-allauth/password/reset/confirm/%00/%00",
				"/jwt-allauth/password/reset/confirm/" + "a".repeat(500) + "/" + token }) {
			Response opened = this.http.get(tampered).send();
			assertThat(opened.status()).as(tampered).isIn(200, 400);
			assertThat(opened.setCookie("password_reset_access_token")).as(tampered).isEmpty();
		}
		assertThat(user.getId()).isNotEqualTo(other);
	}

	@Test
	void resetWhenFloodedForOneAddressThenThrottledWithRetryAfter() {
		String email = newAddress();
		for (int i = 0; i < 5; i++) {
			assertThat(requestReset(email).status()).isEqualTo(200);
		}
		Response throttled = requestReset(email);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.text("code")).isEqualTo("throttled");
		assertThat(Integer.parseInt(throttled.header("Retry-After").orElseThrow())).isBetween(1, 60);
		// another address is not affected
		assertThat(requestReset(newAddress()).status()).isEqualTo(200);
	}

	@Test
	void resetWhenInvitedAccountNeverSetAPasswordThenNoMail() {
		String email = newAddress();
		this.accounts.create(new NewAccount(email, null, "", "", 0, true, false));
		assertThat(requestReset(email).status()).isEqualTo(200);
		assertThat(queuedRecipients()).isEmpty();
		assertThat(this.mailbox.to(email)).isEmpty();
	}

	@Test
	void resetWhenBodyInvalidThenBadRequest() {
		assertThat(this.http.post("/jwt-allauth/password/reset").json("{}").send().status()).isEqualTo(400);
		assertThat(this.http.post("/jwt-allauth/password/reset").json(json("email", "not-an-address")).send().status())
			.isEqualTo(400);
	}

	@Test
	void resetWhenDisplayNameAddressSignedUpAndRequestedThenInvalidAndNoMail() {
		String address = displayNameAddress();
		Response signedUp = this.http.post("/jwt-allauth/registration")
			.json(json("email", address, "password1", NEW_PASSWORD, "password2", NEW_PASSWORD))
			.send();
		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(400);
		Response requested = requestReset(address);
		assertThat(requested.status()).as(requested.toString()).isEqualTo(400);
		assertThat(requested.text("code")).isEqualTo("invalid");
		assertThat(requested.json().get("errors").propertyNames()).containsExactly("email");
		assertThat(accountsWithAddressContaining("evil.io")).isZero();
		assertThat(queuedRecipients()).isEmpty();
	}

	@Test
	void invitationEndpointsWhenInvitationsOffThenNotFound() {
		String email = newAddress();
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 1000, true, true));
		Response staff = login(email, TestUsers.PASSWORD);
		Response invited = this.http.post("/jwt-allauth/registration/user-register")
			.bearer(staff.text("access"))
			.json("{\"email\":\"" + newAddress() + "\",\"role\":0}")
			.send();
		assertThat(invited.status()).isEqualTo(404);
		assertThat(invited.text("code")).isEqualTo("not_found");
	}

	@Test
	void mfaEndpointsWhenMfaDisabledThenForbidden() {
		for (String path : new String[] { "/jwt-allauth/mfa/verify", "/jwt-allauth/mfa/verify-recovery",
				"/jwt-allauth/mfa/setup", "/jwt-allauth/mfa/activate" }) {
			Response refused = this.http.post(path).json(json("challenge_id", "x", "code", "123456")).send();
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.text("code")).as(path).isEqualTo("mfa_disabled");
		}
		String email = newAddress();
		userWithPassword(email);
		// login never challenges when MFA is disabled
		assertThat(login(email, TestUsers.PASSWORD).text("access")).isNotBlank();
	}

	@Test
	void resetWhenHostHeadersForgedThenTheLinkStillPointsAtThePublicBaseUrl() throws Exception {
		String email = newAddress();
		userWithPassword(email);
		// java.net.http will not send a Host header of our choosing: a raw request will
		String body = json("email", email);
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(20_000);
			String request = "POST /jwt-allauth/password/reset HTTP/1.1\r\nHost: evil.example\r\n"
					+ "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body;
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200");
		}
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.link()).startsWith("http://127.0.0.1/jwt-allauth/password/reset/confirm/")
			.doesNotContain("evil.example");
		assertThat(mail.html()).doesNotContain("evil.example");
	}

	private Response requestReset(String email) {
		return this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send();
	}

	private Response openResetLink(String email) {
		userWithPassword(email);
		requestReset(email);
		Response opened = this.http.get(this.mailbox.next(email, 0).linkPath()).send();
		assertThat(opened.status()).isEqualTo(302);
		return opened;
	}

	private Response setNew(String cookies, String csrf, String password1, String password2) {
		return this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", cookies)
			.header("X-CSRF-TOKEN", csrf)
			.json(json("new_password1", password1, "new_password2", password2))
			.send();
	}

}
