package io.github.jwtallauth.autoconfigure.web;

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
 * A base path that the application's own endpoints share (/api): jwt-allauth's chain
 * claims its endpoints only, so the application's rules still guard the rest. The
 * application also runs its own Flyway on the same (initially empty) database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, "jwtallauth.base-path=/api", TestProperties.VALIDATE_SCHEMA })
class OverlappingBasePathTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void applicationEndpointUnderBasePathWhenAnonymousOrWrongRoleThenStillGuarded() {
		HttpTestClient http = new HttpTestClient(this.port, "/api");
		assertThat(http.get("/api/staff").send().status()).isEqualTo(401);
		UserAccount user = new TestUsers(this.accounts, this.passwordEncoder).user();
		Response login = http.post("/api/login").json(TestUsers.loginJson(user)).send();
		assertThat(login.status()).isEqualTo(200);
		assertThat(http.get("/api/staff").bearer(login.text("access")).send().status()).isEqualTo(403);
		assertThat(http.get("/api/public").send().status()).isEqualTo(200);
		assertThat(http.get("/api/user").send().status()).isEqualTo(401);
	}

	@Test
	void applicationFlywayWhenPresentThenBothSchemasMigratedSeparately() {
		assertThat(this.jdbc.queryForObject("select count(*) from application_thing", Integer.class)).isZero();
		// the application's Flyway scans db/migration, under which jwt-allauth's files
		// live, and ignores them
		assertThat(this.jdbc.queryForList("select \"script\" from \"flyway_schema_history\"", String.class))
			.contains("V1__application_table.sql")
			.noneMatch((script) -> script.startsWith("JWTALLAUTH_V"));
		assertThat(this.jdbc.queryForObject("select count(*) from \"jwt_allauth_schema_history\"", Integer.class))
			.isGreaterThanOrEqualTo(1);
	}

}
