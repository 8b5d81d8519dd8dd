package io.github.jwtallauth.autoconfigure.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.PasswordChangedEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /password/change} with the defaults: the old password is required and every
 * other session ends.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class PasswordChangeTests {

	static final String NEW_PASSWORD = "a different passphrase";

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TestApplication.RecordedEvents events;

	HttpTestClient http;

	UserAccount user;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.user = new TestUsers(this.accounts, this.passwordEncoder).user();
	}

	@Test
	void changeWhenValidThenPasswordReplacedOtherSessionsEndAndCallerGetsNewSession() {
		Response laptop = login(TestUsers.PASSWORD);
		Response phone = login(TestUsers.PASSWORD);
		Response changed = change(phone.text("access"), TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().propertyNames()).containsExactly("detail", "access");
		assertThat(changed.text("detail")).isEqualTo("New password has been saved.");
		String newRefresh = changed.cookieValue("refresh_token").orElseThrow();
		for (Response old : new Response[] { laptop, phone }) {
			assertThat(refresh(old.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(401);
		}
		assertThat(refresh(newRefresh).status()).isEqualTo(200);
		assertThat(this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(this.user.getEmail(), TestUsers.PASSWORD))
			.send()
			.status()).isEqualTo(401);
		login(NEW_PASSWORD);
		assertThat(this.events.all()).anyMatch(PasswordChangedEvent.class::isInstance);
	}

	@Test
	void changeWhenOldPasswordWrongOrMissingThenInvalidAndNothingChanges() {
		Response session = login(TestUsers.PASSWORD);
		Response wrong = change(session.text("access"), "not my password", NEW_PASSWORD, NEW_PASSWORD);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body())
			.contains("\"old_password\":[\"Your old password was entered incorrectly. Please enter it again.\"]");
		Response missing = this.http.post("/jwt-allauth/password/change")
			.bearer(session.text("access"))
			.json("{\"new_password1\":\"" + NEW_PASSWORD + "\",\"new_password2\":\"" + NEW_PASSWORD + "\"}")
			.send();
		assertThat(missing.body()).contains("\"old_password\":[\"This field is required.\"]");
		assertThat(refresh(session.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(200);
		login(TestUsers.PASSWORD);
	}

	@Test
	void changeWhenNewPasswordsDifferOrWeakThenInvalidAndNothingChanges() {
		Response session = login(TestUsers.PASSWORD);
		Response mismatch = change(session.text("access"), TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!");
		assertThat(mismatch.body()).contains("\"new_password2\":[\"The two password fields didn’t match.\"]");
		Response weak = change(session.text("access"), TestUsers.PASSWORD, "12345", "12345");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.body()).contains("This password is too short.", "This password is entirely numeric.");
		login(TestUsers.PASSWORD);
	}

	@Test
	void changeWhenOldPasswordGuessedThenRefusedEvenForTheRightOneAndNothingChanges() {
		Response laptop = login(TestUsers.PASSWORD);
		Response thief = login(TestUsers.PASSWORD);
		for (int i = 0; i < 5; i++) {
			assertThat(change(thief.text("access"), "guess number " + i, NEW_PASSWORD, NEW_PASSWORD).status())
				.isEqualTo(400);
		}
		Response locked = change(thief.text("access"), TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		assertThat(Integer.parseInt(locked.header("Retry-After").orElseThrow())).isPositive();
		assertThat(locked.setCookie("refresh_token")).isEmpty();
		// the password did not change and the other device's session lives on
		assertThat(refresh(laptop.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(200);
		login(TestUsers.PASSWORD);
	}

	@Test
	void changeWhenOldPasswordHasTheRightFirst72BytesAndMoreThenRefused() {
		String longPassword = "x".repeat(40) + "é".repeat(16);
		assertThat(longPassword.getBytes(StandardCharsets.UTF_8)).hasSize(72);
		this.accounts.updatePassword(this.user.getId(), this.passwordEncoder.encode(longPassword));
		Response session = login(longPassword);
		Response extended = change(session.text("access"), longPassword + "anything", NEW_PASSWORD, NEW_PASSWORD);
		assertThat(extended.status()).isEqualTo(400);
		assertThat(extended.body()).contains("\"old_password\"");
		login(longPassword);
		assertThat(change(session.text("access"), longPassword, NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void changeWhenNotAuthenticatedThenRefused() {
		Response anonymous = change(null, TestUsers.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.text("code")).isEqualTo("not_authenticated");
	}

	Response change(String access, String old, String new1, String new2) {
		HttpTestClient.Request request = this.http.post("/jwt-allauth/password/change/")
			.json("{\"old_password\":\"" + old + "\",\"new_password1\":\"" + new1 + "\",\"new_password2\":\"" + new2
					+ "\"}");
		return (access != null) ? request.bearer(access).send() : request.send();
	}

	Response login(String password) {
		Response response = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(this.user.getEmail(), password))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	Response refresh(String token) {
		return this.http.post("/jwt-allauth/refresh").cookie("refresh_token", token).send();
	}

}
