package io.github.jwtallauth.autoconfigure.session;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeScheduler;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-dependent session rules over real HTTP, with a clock the test moves: the absolute
 * session lifetime, the inactivity window, the reuse grace period, the access-token
 * session check and the purge of expired rows.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, "jwtallauth.jwt.session-lifetime=1h",
				"jwtallauth.jwt.refresh-token-lifetime=20m", "jwtallauth.jwt.access-token-lifetime=5m",
				"jwtallauth.jwt.access-session-check=true", "jwtallauth.sessions.reuse-grace-period=30s",
				"spring.jpa.hibernate.ddl-auto=none" })
@Import(SessionLifecycleTests.ClockConfiguration.class)
class SessionLifecycleTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PurgeScheduler purge;

	HttpTestClient http;

	UserAccount user;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.user = new TestUsers(this.accounts, this.passwordEncoder).user();
	}

	@Test
	void refreshWhenPastAbsoluteLifetimeThenSessionExpiredAndRowDeleted() {
		Response login = login();
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofMinutes(19));
			Response response = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			refresh = response.cookieValue("refresh_token").orElseThrow();
			// the cookie never outlives the session deadline
			long maxAge = Long
				.parseLong(response.setCookie("refresh_token").orElseThrow().replaceAll(".*Max-Age=(\\d+).*", "$1"));
			assertThat(maxAge).isLessThanOrEqualTo(Duration.ofMinutes(60 - 19 * (i + 1)).toSeconds());
		}
		this.clock.advance(Duration.ofMinutes(4));
		Response expired = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.text("code")).isEqualTo("session_expired");
		assertThat(sessionsOfUser()).isZero();
	}

	@Test
	void refreshWhenIdleLongerThanRefreshLifetimeThenTokenNotValid() {
		String refresh = login().cookieValue("refresh_token").orElseThrow();
		this.clock.advance(Duration.ofMinutes(21));
		Response response = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("code")).isEqualTo("token_not_valid");
	}

	@Test
	void refreshWhenPreviousTokenReplayedWithinGraceThenSameSuccessor() {
		String first = login().cookieValue("refresh_token").orElseThrow();
		this.clock.advance(Duration.ofSeconds(5));
		String second = refresh(first).cookieValue("refresh_token").orElseThrow();
		this.clock.advance(Duration.ofSeconds(10));
		Response retried = refresh(first);
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.cookieValue("refresh_token")).hasValue(second);
		// the successor still works, and a replay after the grace period revokes the
		// session
		String third = refresh(second).cookieValue("refresh_token").orElseThrow();
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(refresh(second).status()).isEqualTo(401);
		assertThat(refresh(third).status()).isEqualTo(401);
		assertThat(sessionsOfUser()).isZero();
	}

	@Test
	void refreshWhenOlderThanPreviousTokenReplayedWithinGraceThenRevoked() {
		String first = login().cookieValue("refresh_token").orElseThrow();
		String second = refresh(first).cookieValue("refresh_token").orElseThrow();
		String third = refresh(second).cookieValue("refresh_token").orElseThrow();
		assertThat(refresh(first).status()).isEqualTo(401);
		assertThat(refresh(third).status()).isEqualTo(401);
	}

	@Test
	void accessTokenWhenSessionRevokedAndSessionCheckOnThenRefusedAtOnce() {
		Response login = login();
		String access = login.text("access");
		assertThat(this.http.get("/api/hello").bearer(access).send().status()).isEqualTo(200);
		this.http.post("/jwt-allauth/logout")
			.bearer(access)
			.cookie("refresh_token", login.cookieValue("refresh_token").orElseThrow())
			.send();
		Response refused = this.http.get("/api/hello").bearer(access).send();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.text("code")).isEqualTo("token_not_valid");
		assertThat(refused.text("detail")).isEqualTo("Session is no longer active.");
	}

	@Test
	void accessTokenWhenExpiredThenRefused() {
		String access = login().text("access");
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(31));
		assertThat(this.http.get("/api/hello").bearer(access).send().status()).isEqualTo(401);
	}

	@Test
	void purgeWhenSessionsExpiredThenOnlyThoseDeleted() {
		login();
		this.clock.advance(Duration.ofMinutes(25));
		login();
		assertThat(sessionsOfUser()).isEqualTo(2);
		assertThat(this.purge.purge()).isGreaterThanOrEqualTo(1);
		assertThat(sessionsOfUser()).isEqualTo(1);
	}

	Response login() {
		Response response = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(this.user)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	Response refresh(String token) {
		return this.http.post("/jwt-allauth/refresh").cookie("refresh_token", token).send();
	}

	int sessionsOfUser() {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class,
				this.user.getId());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
