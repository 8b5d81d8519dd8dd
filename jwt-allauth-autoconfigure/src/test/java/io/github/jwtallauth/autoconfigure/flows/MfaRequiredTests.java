package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFA in {@code required} mode: every session-opening path hands an unenrolled user a
 * setup challenge instead of a session; the challenge enrols exactly its own user, once;
 * nobody can turn MFA off.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.mfa.mode=required",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"jwtallauth.registration.invitations=true", "jwtallauth.password.set-cookie.secure=false" })
@Import(MutableClockConfiguration.class)
class MfaRequiredTests extends MailFlowTestSupport {

	@Autowired
	MutableClock clock;

	@Test
	void loginWhenNotEnrolledThenSetupChallengeWhichEnrolsAndOpensTheSession() {
		String email = newAddress();
		userWithPassword(email);
		Response login = login(email, TestUsers.PASSWORD);
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().get("mfa_setup_required").asBoolean()).isTrue();
		assertThat(login.json().has("access")).isFalse();
		assertThat(login.setCookie("refresh_token")).isEmpty();
		String setupChallenge = login.text("setup_challenge_id");

		Response setup = this.http.post("/jwt-allauth/mfa/setup")
			.json(json("setup_challenge_id", setupChallenge))
			.send();
		assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
		String secret = setup.text("secret");
		Response activated = activateWithChallenge(setupChallenge, code(secret));
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		assertThat(activated.json().get("recovery_codes")).hasSize(10);
		assertThat(activated.text("access")).isNotBlank();
		assertThat(activated.cookieValue("refresh_token")).isPresent();

		// single use: the challenge enrolled once and opened one session
		this.clock.advance(Duration.ofSeconds(30));
		Response reused = activateWithChallenge(setupChallenge, code(secret));
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.text("code")).isEqualTo("mfa_challenge_invalid");
		assertThat(this.http.post("/jwt-allauth/mfa/setup")
			.json(json("setup_challenge_id", setupChallenge))
			.send()
			.text("code")).isEqualTo("mfa_challenge_invalid");

		// from now on, login asks for the code
		Response challenged = login(email, TestUsers.PASSWORD);
		assertThat(challenged.json().get("mfa_required").asBoolean()).isTrue();
		Response verified = this.http.post("/jwt-allauth/mfa/verify")
			.json(json("challenge_id", challenged.text("challenge_id"), "code", code(secret)))
			.send();
		assertThat(verified.status()).isEqualTo(200);

		Response deactivate = this.http.post("/jwt-allauth/mfa/deactivate")
			.bearer(verified.text("access"))
			.json(json("password", TestUsers.PASSWORD, "code",
					activated.json().get("recovery_codes").get(0).asString()))
			.send();
		assertThat(deactivate.status()).isEqualTo(403);
		assertThat(deactivate.text("code")).isEqualTo("mfa_required_mode");
	}

	@Test
	void setupChallengeWhenPresentedWithAnotherUsersTokenThenItStillEnrolsOnlyItsOwnUser() {
		String alice = newAddress();
		userWithPassword(alice);
		String aliceChallenge = login(alice, TestUsers.PASSWORD).text("setup_challenge_id");
		String mallory = newAddress();
		userWithPassword(mallory);
		String malloryChallenge = login(mallory, TestUsers.PASSWORD).text("setup_challenge_id");
		// mallory starts an enrolment under alice's challenge: the secret is alice's
		// enrolment, but
		// activating it with mallory's challenge does not apply to alice
		String secret = this.http.post("/jwt-allauth/mfa/setup")
			.json(json("setup_challenge_id", aliceChallenge))
			.send()
			.text("secret");
		Response crossed = activateWithChallenge(malloryChallenge, code(secret));
		assertThat(crossed.status()).isEqualTo(400);
		assertThat(crossed.text("code")).isEqualTo("mfa_setup_not_started");
		assertThat(activateWithChallenge("not-a-challenge", code(secret)).text("code"))
			.isEqualTo("mfa_challenge_invalid");
	}

	@Test
	void registrationWhenRequiredThenSetupChallengeInsteadOfASession() {
		String email = newAddress();
		Response signedUp = this.http.post("/jwt-allauth/registration")
			.json(json("email", email, "password1", NEW_PASSWORD, "password2", NEW_PASSWORD))
			.send();
		assertThat(signedUp.status()).isEqualTo(201);
		assertThat(signedUp.json().get("mfa_setup_required").asBoolean()).isTrue();
		assertThat(signedUp.json().has("access")).isFalse();
		assertThat(signedUp.setCookie("refresh_token")).isEmpty();
	}

	@Test
	void setPasswordWhenRequiredThenSetupChallengeInsteadOfASession() {
		String staff = newAddress();
		this.accounts
			.create(new NewAccount(staff, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 1000, true, true));
		// staff must enrol too before it has a token: enrol through its setup challenge
		String challenge = login(staff, TestUsers.PASSWORD).text("setup_challenge_id");
		String secret = this.http.post("/jwt-allauth/mfa/setup")
			.json(json("setup_challenge_id", challenge))
			.send()
			.text("secret");
		String access = activateWithChallenge(challenge, code(secret)).text("access");
		String invitee = newAddress();
		assertThat(this.http.post("/jwt-allauth/registration/user-register")
			.bearer(access)
			.json("{\"email\":\"" + invitee + "\",\"role\":0}")
			.send()
			.status()).isEqualTo(201);
		Mail mail = this.mailbox.next(invitee, 0);
		Response followed = this.http.get(mail.linkPath()).send();
		Response set = this.http.post("/jwt-allauth/registration/set-password")
			.header("Cookie", cookies(followed, "set_password_access_token", "XSRF-TOKEN"))
			.header("X-CSRF-TOKEN", followed.cookieValue("XSRF-TOKEN").orElseThrow())
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.text("detail")).isEqualTo("Password set.");
		assertThat(set.json().get("mfa_setup_required").asBoolean()).isTrue();
		assertThat(set.json().has("access")).isFalse();
	}

	@Test
	void setupChallengeWhenTheOwnerResetsThePasswordThenTheOldOneDies() {
		String email = newAddress();
		userWithPassword(email);
		// an attacker who knows the password keeps a setup challenge
		String stolen = login(email, TestUsers.PASSWORD).text("setup_challenge_id");
		this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send();
		Response opened = this.http.get(this.mailbox.next(email, 0).linkPath()).send();
		Response reset = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.header("X-CSRF-TOKEN", opened.cookieValue("XSRF-TOKEN").orElseThrow())
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(reset.json().get("mfa_setup_required").asBoolean()).isTrue();
		Response attacker = this.http.post("/jwt-allauth/mfa/setup").json(json("setup_challenge_id", stolen)).send();
		assertThat(attacker.status()).isEqualTo(400);
		assertThat(attacker.text("code")).isEqualTo("mfa_challenge_invalid");
		// the owner's fresh challenge works
		String secret = this.http.post("/jwt-allauth/mfa/setup")
			.json(json("setup_challenge_id", reset.text("setup_challenge_id")))
			.send()
			.text("secret");
		assertThat(activateWithChallenge(reset.text("setup_challenge_id"), code(secret)).status()).isEqualTo(200);
	}

	private Response activateWithChallenge(String challenge, String code) {
		return this.http.post("/jwt-allauth/mfa/activate")
			.json(json("setup_challenge_id", challenge, "code", code))
			.send();
	}

	private String code(String secret) {
		return Rfc6238.code(secret, this.clock.instant(), 6);
	}

}
