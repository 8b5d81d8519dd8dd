package io.github.jwtallauth.autoconfigure.flows;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.PasswordSetEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitations with {@code admin-managed=true}: an allowed role invites, the invitee
 * follows the mailed link to the set-password form and sets a password; self-registration
 * is closed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.registration.admin-managed=true", "jwtallauth.password.set-cookie.secure=false" })
class InvitationTests extends MailFlowTestSupport {

	@Autowired
	TestApplication.RecordedEvents events;

	@Test
	void inviteWhenStaffInvitesThenInviteeSetsPasswordThroughTheLinkAndLogsIn() {
		String staff = staffToken(1000);
		String email = newAddress();
		Response invited = invite(staff, email, 0);
		assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
		assertThat(invited.body()).isEqualTo("{}");
		UserAccount account = this.accounts.findByEmail(email).orElseThrow();
		assertThat(account.getPassword()).isNull();
		assertThat(account.getRole()).isZero();

		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("You've been invited to join our platform");
		Response followed = this.http.get(mail.linkPath()).send();
		assertThat(followed.status()).isEqualTo(302);
		assertThat(followed.header("Location")).hasValue("/jwt-allauth/registration/set-password/default");
		assertThat(followed.setCookie("set_password_access_token").orElseThrow()).contains("HttpOnly", "Max-Age=86400");
		String cookies = cookies(followed, "set_password_access_token", "XSRF-TOKEN");
		String csrf = followed.cookieValue("XSRF-TOKEN").orElseThrow();
		Response form = this.http.get("/jwt-allauth/registration/set-password/default")
			.header("Cookie", cookies)
			.send();
		assertThat(form.body()).contains("name=\"new_password1\"", "value=\"" + csrf + "\"");

		// the link stays usable until the password is set (a mail scanner may have opened
		// it)
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(302);
		Response again = this.http.get(mail.linkPath()).send();
		cookies = cookies(again, "set_password_access_token", "XSRF-TOKEN");
		csrf = again.cookieValue("XSRF-TOKEN").orElseThrow();
		Response set = setPassword(cookies, csrf, NEW_PASSWORD);
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.text("detail")).isEqualTo("Password set.");
		assertThat(set.text("access")).isNotBlank();
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(this.accounts.findByEmail(email).orElseThrow().isEmailVerified()).isTrue();
		assertThat(this.events.all()).anyMatch(PasswordSetEvent.class::isInstance);

		// afterwards the invitation link is dead and the capability spent
		assertThat(this.http.get(mail.linkPath()).send().status()).isEqualTo(400);
		assertThat(setPassword(cookies, csrf, "yet another passphrase").status()).isEqualTo(401);
	}

	@Test
	void inviteWhenInviterLacksAnAllowedRoleOrGrantsAHigherRoleThenForbidden() {
		String email = newAddress();
		Response byUser = invite(staffToken(0), email, 0);
		assertThat(byUser.status()).isEqualTo(403);
		assertThat(byUser.text("code")).isEqualTo("permission_denied");
		Response escalation = invite(staffToken(900), email, 1000);
		assertThat(escalation.status()).isEqualTo(403);
		assertThat(this.accounts.findByEmail(email)).isEmpty();
		assertThat(invite(staffToken(900), email, 900).status()).isEqualTo(201);
		Response anonymous = this.http.post("/jwt-allauth/registration/user-register")
			.json("{\"email\":\"" + newAddress() + "\",\"role\":0}")
			.send();
		assertThat(anonymous.status()).isEqualTo(401);
	}

	@Test
	void inviteWhenPendingInvitationOfAHigherRoleThenALowerInviterCannotReplaceIt() {
		String email = newAddress();
		assertThat(invite(staffToken(1000), email, 1000).status()).isEqualTo(201);
		Response downgrade = invite(staffToken(900), email, 0);
		assertThat(downgrade.status()).isEqualTo(403);
		assertThat(this.accounts.findByEmail(email).orElseThrow().getRole()).isEqualTo(1000);
		assertThat(queuedRecipients()).containsExactly(email);
		this.mailbox.next(email, 0);
		assertThat(this.mailbox.to(email)).hasSize(1);
	}

	@Test
	void inviteWhenInviterDemotedAfterLoginThenForbiddenAtOnce() {
		String email = newAddress();
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 1000, true, true));
		String token = login(email, TestUsers.PASSWORD).text("access");
		this.accounts.updateRole(this.accounts.findByEmail(email).orElseThrow().getId(), 0);
		assertThat(invite(token, newAddress(), 0).status()).isEqualTo(403);
	}

	@Test
	void inviteWhenAddressInvitedAgainThenTheNewInvitationReplacesTheOld() {
		String staff = staffToken(1000);
		String email = newAddress();
		invite(staff, email, 0);
		Mail first = this.mailbox.next(email, 0);
		assertThat(invite(staff, email, 1000).status()).isEqualTo(201);
		Mail second = this.mailbox.next(email, 1);
		assertThat(this.http.get(first.linkPath()).send().status()).isEqualTo(400);
		assertThat(this.http.get(second.linkPath()).send().status()).isEqualTo(302);
		assertThat(this.accounts.findByEmail(email).orElseThrow().getRole()).isEqualTo(1000);
	}

	@Test
	void inviteWhenAddressBelongsToAnAccountWithAPasswordThenInvalid() {
		String email = newAddress();
		userWithPassword(email);
		Response invited = invite(staffToken(1000), email, 0);
		assertThat(invited.status()).isEqualTo(400);
		assertThat(invited.json().get("errors").get("email").get(0).asString())
			.isEqualTo("A user is already registered with this e-mail address.");
	}

	@Test
	void inviteWhenBodyInvalidThenFieldErrors() {
		Response invalid = this.http.post("/jwt-allauth/registration/user-register")
			.bearer(staffToken(1000))
			.json("{\"email\":\"nope\"}")
			.send();
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").propertyNames()).contains("email", "role");
	}

	@Test
	void inviteWhenDisplayNameAddressThenInvalidAndNoAccountAndNoMail() {
		Response invited = invite(staffToken(1000), displayNameAddress(), 0);
		assertThat(invited.status()).as(invited.toString()).isEqualTo(400);
		assertThat(invited.text("code")).isEqualTo("invalid");
		assertThat(invited.json().get("errors").propertyNames()).containsExactly("email");
		assertThat(accountsWithAddressContaining("evil.io")).isZero();
		assertThat(queuedRecipients()).isEmpty();
	}

	@Test
	void invitedAccountWhenPasswordResetRequestedThenNoMail() {
		String email = newAddress();
		invite(staffToken(1000), email, 0);
		this.mailbox.next(email, 0);
		assertThat(this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send().status())
			.isEqualTo(200);
		// only the invitation: the reset lookup has run and queued nothing
		assertThat(queuedRecipients()).containsExactly(email);
		assertThat(this.mailbox.to(email)).hasSize(1);
	}

	@Test
	void setPasswordWhenResetCapabilityPresentedThenUnauthorized() {
		String email = newAddress();
		invite(staffToken(1000), email, 0);
		Response followed = this.http.get(this.mailbox.next(email, 0).linkPath()).send();
		String capability = followed.cookieValue("set_password_access_token").orElseThrow();
		String csrf = followed.cookieValue("XSRF-TOKEN").orElseThrow();
		Response wrongKind = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", "password_reset_access_token=" + capability + "; XSRF-TOKEN=" + csrf)
			.header("X-CSRF-TOKEN", csrf)
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(wrongKind.status()).isEqualTo(401);
		Response missingCsrf = this.http.post("/jwt-allauth/registration/set-password")
			.header("Cookie", "set_password_access_token=" + capability + "; XSRF-TOKEN=" + csrf)
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(missingCsrf.status()).isEqualTo(403);
		assertThat(setPassword("set_password_access_token=" + capability + "; XSRF-TOKEN=" + csrf, csrf, NEW_PASSWORD)
			.status()).isEqualTo(200);
	}

	@Test
	void registrationWhenAdminManagedThenClosed() {
		Response closed = this.http.post("/jwt-allauth/registration")
			.json(json("email", newAddress(), "password1", NEW_PASSWORD, "password2", NEW_PASSWORD))
			.send();
		assertThat(closed.status()).isEqualTo(404);
		assertThat(closed.text("code")).isEqualTo("registration_closed");
	}

	private String staffToken(int role) {
		String email = newAddress();
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", role, true, true));
		return login(email, TestUsers.PASSWORD).text("access");
	}

	private Response invite(String bearer, String email, int role) {
		return this.http.post("/jwt-allauth/registration/user-register")
			.bearer(bearer)
			.json("{\"email\":\"" + email + "\",\"role\":" + role + ",\"first_name\":\"Grace\"}")
			.send();
	}

	private Response setPassword(String cookies, String csrf, String password) {
		return this.http.post("/jwt-allauth/registration/set-password")
			.header("Cookie", cookies)
			.header("X-CSRF-TOKEN", csrf)
			.json(json("new_password1", password, "new_password2", password))
			.send();
	}

}
