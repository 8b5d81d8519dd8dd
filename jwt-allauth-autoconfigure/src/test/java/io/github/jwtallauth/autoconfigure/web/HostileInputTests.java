package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a client sends produces a 500: every endpoint, fed bodies of the wrong shape,
 * type, size and encoding, answers a 4xx problem, and the account it was aimed at is
 * unchanged.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
public class HostileInputTests {

	static final List<String> BODIES = List.of("", "null", "[]", "[{}]", "42", "\"text\"", "true", "{", "}",
			"{\"email\":null,\"password\":null}", "{\"email\":[],\"password\":{}}", "{\"email\":1e309,\"password\":-0}",
			"{\"email\":\"\\u0000\",\"password\":\"\\u0000\"}", "{\"first_name\":{\"$gt\":\"\"}}",
			"{\"new_password1\":[\"a\"],\"new_password2\":false,\"old_password\":7}",
			"{\"email\":\"" + "a".repeat(100_000) + "@example.com\",\"password\":\"x\"}",
			"{\"password1\":\"" + "é".repeat(5_000) + "\",\"password2\":\"" + "é".repeat(5_000)
					+ "\",\"email\":\"x@y.zz\"}",
			"[".repeat(2_000) + "]".repeat(2_000), "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500),
			"{\"email\":\"\\ud800\",\"password\":\"\\udfff\"}", "{\"refresh\":\"a.b.c\"}", "{\"refresh\":12}");

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void everyEndpointWhenFedHostileBodiesThenNever5xx() {
		HttpTestClient http = new HttpTestClient(this.port);
		UserAccount user = new TestUsers(this.accounts, this.passwordEncoder).user();
		Response login = http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		String access = login.text("access");
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		List<String> failures = new ArrayList<>();
		for (String body : BODIES) {
			List<Response> responses = List.of(http.post("/jwt-allauth/login").json(body).send(),
					http.post("/jwt-allauth/refresh").json(body).send(),
					http.post("/jwt-allauth/registration").json(body).send(),
					http.post("/jwt-allauth/logout").bearer(access).json(body).send(),
					http.post("/jwt-allauth/password/change").bearer(access).json(body).send(),
					http.post("/jwt-allauth/login").body("application/x-www-form-urlencoded", body).send());
			// PATCH /user ignores fields it does not know, so a well-formed object is a
			// 200 that changes nothing
			Response patch = http.patch("/jwt-allauth/user").bearer(access).json(body).send();
			if (patch.status() >= 500) {
				failures.add(patch.status() + " for PATCH " + body.substring(0, Math.min(40, body.length())));
			}
			for (Response response : responses) {
				if (response.status() >= 500 || response.status() < 400) {
					failures.add(response.status() + " for " + body.substring(0, Math.min(40, body.length())));
				}
				else {
					assertThat(response.header("Content-Type"))
						.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				}
			}
		}
		for (String id : List.of("x".repeat(5_000), "%27%20or%201=1--", "..%2f..%2fetc", "%E2%80%AE")) {
			Response response = http.delete("/jwt-allauth/sessions/" + id).bearer(access).send();
			if (response.status() >= 500) {
				failures.add(response.status() + " for session id " + id.substring(0, Math.min(40, id.length())));
			}
		}
		for (String cookie : List.of("x".repeat(9_000), "\u00e9", "a.b.c", access)) {
			Response response = http.post("/jwt-allauth/refresh").cookie("refresh_token", cookie).send();
			if (response.status() >= 500) {
				failures.add(response.status() + " for refresh cookie");
			}
		}
		assertThat(failures).isEmpty();
		// the account and its session came through untouched
		UserAccount after = this.accounts.findById(user.getId()).orElseThrow();
		assertThat(after.getFirstName()).isEqualTo("Ada");
		assertThat(this.passwordEncoder.matches(TestUsers.PASSWORD, after.getPassword())).isTrue();
		assertThat(http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send().status()).isEqualTo(200);
	}

	@Test
	void formWhenItsParametersCannotBeParsedOrTheirNamesAreRejectedThenInvalidNot500() {
		// both happen only when the controller reads the body (found by
		// RequestBodyFuzzTests):
		// Tomcat refuses empty names, the firewall a name that is not printable
		HttpTestClient http = new HttpTestClient(this.port);
		for (String body : List.of("%EF%BF%BF=&=&=", "%EF%BF%BF=x")) {
			Response response = http.post("/jwt-allauth/login").body("application/x-www-form-urlencoded", body).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.text("code")).isEqualTo("invalid");
		}
	}

}
