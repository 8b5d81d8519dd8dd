package io.github.jwtallauth.autoconfigure.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Cookie-mode refresh refuses requests a browser sends on behalf of another site, over
 * real HTTP. The application is reached at {@code https://app.example.com/shop}; an admin
 * front end on a sibling host and a partner on another site are allowed as well.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, "spring.jpa.hibernate.ddl-auto=none",
				"jwtallauth.public-base-url=https://app.example.com/shop",
				"jwtallauth.refresh-cookie.allowed-origins=https://admin.example.com, https://partner.example:8443" })
class RefreshOriginTests {

	static final String CSRF_FAILED = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
			+ "\"detail\":\"CSRF check failed: the request comes from an origin that is not allowed.\","
			+ "\"code\":\"csrf_failed\"}";

	static final String EVIL = "https://evil.example";

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	HttpTestClient http;

	UserAccount user;

	String refresh;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.user = new TestUsers(this.accounts, this.passwordEncoder).user();
		Response login = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(this.user)).send();
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		this.refresh = login.cookieValue("refresh_token").orElseThrow();
	}

	@Test
	void refreshWhenOriginNotAllowedThenCsrfFailedAndCookieStillUsable() {
		Map<String, Object> before = sessionRow();
		Response refused = refresh().header("Origin", EVIL).send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).isEqualTo(CSRF_FAILED);
		assertThat(refused.headers("Set-Cookie")).isEmpty();
		assertThat(sessionRow()).isEqualTo(before);
		assertRefreshes(refresh());
	}

	@Test
	void refreshWhenTextPlainFormFromOtherOriginThenCsrfFailed() {
		// the one body a cross-site HTML form can send without a CORS preflight
		Response refused = refresh().header("Origin", EVIL)
			.body("text/plain", "{\"refresh\":\"" + this.refresh + "\"}")
			.send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo(CSRF_FAILED);
		assertThat(refused.headers("Set-Cookie")).isEmpty();
		assertRefreshes(refresh());
	}

	@Test
	void refreshWhenFetchMetadataCrossOrSameSiteWithoutOriginThenCsrfFailed() {
		Map<String, Object> before = sessionRow();
		for (String site : new String[] { "cross-site", "same-site" }) {
			Response refused = refresh().header("Sec-Fetch-Site", site).send();
			assertThat(refused.status()).as(site).isEqualTo(403);
			assertThat(refused.body()).as(site).isEqualTo(CSRF_FAILED);
			assertThat(refused.headers("Set-Cookie")).as(site).isEmpty();
		}
		assertThat(sessionRow()).isEqualTo(before);
		assertRefreshes(refresh());
	}

	@Test
	void refreshWhenSameSiteFromAllowedOriginThenRotated() {
		assertRefreshes(refresh().header("Sec-Fetch-Site", "same-site").header("Origin", "https://admin.example.com"));
	}

	@Test
	void refreshWhenCrossSiteFromAllowedOriginThenRotated() {
		assertRefreshes(
				refresh().header("Sec-Fetch-Site", "cross-site").header("Origin", "https://partner.example:8443"));
	}

	@Test
	void refreshWhenOriginOfPublicBaseUrlThenRotated() {
		assertRefreshes(refresh().header("Sec-Fetch-Site", "same-origin").header("Origin", "https://app.example.com"));
	}

	@Test
	void refreshWhenNeitherOriginNorFetchMetadataThenRotated() {
		assertRefreshes(refresh());
	}

	@Test
	void refreshWhenFetchMetadataSameOriginOrNoneWithoutOriginThenRotated() {
		Response sameOrigin = refresh().header("Sec-Fetch-Site", "same-origin").send();
		assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(200);
		this.refresh = sameOrigin.cookieValue("refresh_token").orElseThrow();
		assertRefreshes(refresh().header("Sec-Fetch-Site", "none"));
	}

	@Test
	void refreshWhenOriginNullThenCsrfFailed() {
		// sandboxed frames, data: URLs and some redirects send the opaque origin "null"
		Response refused = refresh().header("Origin", "null").send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo(CSRF_FAILED);
		assertThat(refused.headers("Set-Cookie")).isEmpty();
		assertRefreshes(refresh());
	}

	@Test
	void refreshWhenOriginOnlyPrefixOrSiblingOfAllowedOneThenCsrfFailed() {
		for (String origin : new String[] { "https://app.example.com.evil.example", "http://app.example.com",
				"https://app.example.com:8443", "https://other.example.com", "https://partner.example" }) {
			assertThat(refresh().header("Origin", origin).send().status()).as(origin).isEqualTo(403);
		}
		assertRefreshes(refresh());
	}

	@Test
	void logoutWhenCrossSiteWithCookieOnlyThenNothingHappens() {
		Map<String, Object> before = sessionRow();
		for (String path : new String[] { "/jwt-allauth/logout", "/jwt-allauth/logout-all" }) {
			Response refused = this.http.post(path)
				.cookie("refresh_token", this.refresh)
				.header("Origin", EVIL)
				.header("Sec-Fetch-Site", "cross-site")
				.send();
			assertThat(refused.status()).as(path).isEqualTo(401);
			assertThat(refused.text("code")).as(path).isEqualTo("not_authenticated");
			assertThat(refused.headers("Set-Cookie")).as(path).isEmpty();
		}
		assertThat(sessionRow()).isEqualTo(before);
		assertRefreshes(refresh());
	}

	HttpTestClient.Request refresh() {
		return this.http.post("/jwt-allauth/refresh").cookie("refresh_token", this.refresh);
	}

	void assertRefreshes(HttpTestClient.Request request) {
		Response response = request.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.cookieValue("refresh_token"))
			.hasValueSatisfying((rotated) -> assertThat(rotated).isNotEqualTo(this.refresh));
	}

	Map<String, Object> sessionRow() {
		return this.jdbc.queryForMap(
				"select id, jti, previous_jti, rotated_at, enabled, last_used, expires from jwt_allauth_session where user_id = ?",
				this.user.getId());
	}

}
