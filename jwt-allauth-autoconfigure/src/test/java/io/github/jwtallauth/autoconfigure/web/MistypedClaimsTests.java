package io.github.jwtallauth.autoconfigure.web;

import java.security.Key;
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
import io.github.jwtallauth.autoconfigure.test.TestJwts;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.autoconfigure.token.SigningKeys;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens with a valid signature whose numeric claims are not whole numbers in range (a
 * string, a fraction, a boolean, a value that overflows to a legitimate one) are refused
 * over HTTP with 401 {@code token_not_valid}, as access tokens and as refresh tokens.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class MistypedClaimsTests {

	// {} is the claim's real value, {+2^64} the same value plus 2^64: equal to it once
	// cut to a long
	static final List<String> ACCESS_CLAIMS = List.of("exp=\"{}\"", "exp={}.5", "exp=1e10", "exp={+2^64}", "iat=\"{}\"",
			"iat={}.5", "iat=-1", "nbf=\"{}\"", "nbf={}.5", "session_iat={}.5", "session_iat={+2^64}",
			"role=4294968296", "role=1000.5", "role=\"1000\"", "role=true");

	static final List<String> REFRESH_CLAIMS = List.of("exp=\"{}\"", "exp={}.5", "exp={+2^64}", "iat=\"{}\"",
			"iat={+2^64}", "nbf={}.5", "session_iat={}.5", "session_iat={+2^64}");

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	SigningKeys keys;

	@Test
	void authenticatedRequestWhenNumericClaimMistypedThenTokenNotValid() {
		HttpTestClient http = new HttpTestClient(this.port);
		UserAccount user = new TestUsers(this.accounts, this.passwordEncoder).user();
		String access = http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send().text("access");
		// signed again unchanged, the token is accepted: a refusal below is the claim's
		// type alone
		String resigned = TestJwts.hs256(TestJwts.payload(access), this.keys.signingKey());
		assertThat(http.get("/api/hello").bearer(resigned).send().status()).isEqualTo(200);
		List<String> accepted = new ArrayList<>();
		for (String claim : ACCESS_CLAIMS) {
			Response response = http.get("/api/hello").bearer(hostile(access, claim, this.keys.signingKey())).send();
			if (response.status() != 401 || !"token_not_valid".equals(response.text("code"))) {
				accepted.add(claim + " -> " + response.status() + " " + response.body());
			}
		}
		assertThat(accepted).isEmpty();
	}

	@Test
	void refreshWhenNumericClaimMistypedThenTokenNotValidAndSessionUntouched() {
		HttpTestClient http = new HttpTestClient(this.port);
		UserAccount user = new TestUsers(this.accounts, this.passwordEncoder).user();
		String refresh = http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user))
			.send()
			.cookieValue("refresh_token")
			.orElseThrow();
		List<String> accepted = new ArrayList<>();
		for (String claim : REFRESH_CLAIMS) {
			Response response = http.post("/jwt-allauth/refresh")
				.cookie("refresh_token", hostile(refresh, claim, this.keys.refreshKey()))
				.send();
			if (response.status() != 401 || !"token_not_valid".equals(response.text("code"))) {
				accepted.add(claim + " -> " + response.status() + " " + response.body());
			}
		}
		assertThat(accepted).isEmpty();
		// none of them was taken for the real token: it still rotates, and was never seen
		// as reused
		assertThat(http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send().status()).isEqualTo(200);
	}

	private static String hostile(String token, String claim, Key key) {
		String[] nameAndValue = claim.split("=", 2);
		return TestJwts.withClaim(token, nameAndValue[0], nameAndValue[1], System.currentTimeMillis() / 1000, key);
	}

}
