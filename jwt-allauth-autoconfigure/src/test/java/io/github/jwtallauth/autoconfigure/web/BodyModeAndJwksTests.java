package io.github.jwtallauth.autoconfigure.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Body mode (refresh token in the JSON body, no cookie) with RS256 access tokens that a
 * standard resource server verifies from the published JWK set.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jwtallauth.jwt.algorithm=RS256", "jwtallauth.jwt.generate-development-key=true",
				"jwtallauth.jwt.audience=orders-api", "jwtallauth.refresh-cookie.enabled=false",
				"jwtallauth.base-path=/auth", "jwtallauth.password.old-password-required=false",
				"jwtallauth.logout-on-password-change=false", "spring.jpa.hibernate.ddl-auto=none" })
class BodyModeAndJwksTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	UserAccount user;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port, "/auth");
		this.user = new TestUsers(this.accounts, this.passwordEncoder).staff();
	}

	@Test
	void loginWhenBodyModeThenBothTokensInBodyAndNoCookie() {
		Response login = this.http.post("/auth/login").json(TestUsers.loginJson(this.user)).send();
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().propertyNames()).containsExactly("access", "refresh");
		assertThat(login.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void refreshWhenBodyModeThenReadsOnlyTheBody() {
		Response login = this.http.post("/auth/login").json(TestUsers.loginJson(this.user)).send();
		String refresh = login.text("refresh");
		Response fromCookie = this.http.post("/auth/refresh").cookie("refresh_token", refresh).send();
		assertThat(fromCookie.status()).isEqualTo(400);
		Response fromBody = this.http.post("/auth/refresh/").json("{\"refresh\":\"" + refresh + "\"}").send();
		assertThat(fromBody.status()).isEqualTo(200);
		assertThat(fromBody.json().propertyNames()).containsExactly("access", "refresh");
		assertThat(fromBody.text("refresh")).isNotEqualTo(refresh);
		Response logout = this.http.post("/auth/logout")
			.bearer(fromBody.text("access"))
			.json("{\"refresh\":\"" + fromBody.text("refresh") + "\"}")
			.send();
		assertThat(logout.status()).isEqualTo(200);
		assertThat(logout.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void refreshWhenBodyModeAndCrossSiteThenServed() {
		// a page on another site cannot read the body token, so only cookie mode checks
		// the origin
		String refresh = this.http.post("/auth/login").json(TestUsers.loginJson(this.user)).send().text("refresh");
		Response response = this.http.post("/auth/refresh")
			.header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.json("{\"refresh\":\"" + refresh + "\"}")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.text("refresh")).isNotEqualTo(refresh);
	}

	@Test
	void accessTokenWhenVerifiedByStandardResourceServerFromJwksThenAccepted() {
		Response jwks = this.http.get("/.well-known/jwks.json").send();
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.json().get("keys").get(0).get("alg").asString()).isEqualTo("RS256");
		assertThat(jwks.json().get("keys").get(0).has("d")).isFalse();
		String access = this.http.post("/auth/login").json(TestUsers.loginJson(this.user)).send().text("access");
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSetUri("http://127.0.0.1:" + this.port + "/.well-known/jwks.json")
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		Jwt jwt = decoder.decode(access);
		assertThat(jwt.getSubject()).isEqualTo(this.user.getId());
		assertThat(jwt.getAudience()).containsExactly("orders-api");
		assertThat(jwt.getClaimAsString("token_type")).isEqualTo("access");
		assertThat(jwt.getClaimAsString("role")).isEqualTo("1000");
		assertThat(this.http.get("/.well-known/jwks.json/").send().status()).isEqualTo(200);
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("STAFF");
		// the issuer is the public base URL (the test application's), which names the
		// keys
		assertThat(jwt.getIssuer()).hasToString("http://127.0.0.1");
		Response discovery = this.http.get("/.well-known/openid-configuration").send();
		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.text("issuer")).isEqualTo("http://127.0.0.1");
		assertThat(discovery.text("jwks_uri")).isEqualTo("http://127.0.0.1/.well-known/jwks.json");
	}

	@Test
	void passwordChangeWhenOldPasswordNotRequiredAndSessionsKeptThenOnlyDetail() {
		Response login = this.http.post("/auth/login").json(TestUsers.loginJson(this.user)).send();
		Response changed = this.http.post("/auth/password/change")
			.bearer(login.text("access"))
			.json("{\"new_password1\":\"another long passphrase\",\"new_password2\":\"another long passphrase\"}")
			.send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo("{\"detail\":\"New password has been saved.\"}");
		assertThat(
				this.http.post("/auth/refresh").json("{\"refresh\":\"" + login.text("refresh") + "\"}").send().status())
			.isEqualTo(200);
		assertThat(this.http.post("/auth/login")
			.json(TestUsers.loginJson(this.user.getEmail(), "another long passphrase"))
			.send()
			.status()).isEqualTo(200);
	}

	@Test
	void oldBasePathWhenMovedThenNotOurs() {
		assertThat(this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(this.user)).send().status())
			.isEqualTo(401);
	}

}
