package io.github.jwtallauth.autoconfigure.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic and form login through jwt-allauth's accounts while the database cannot be
 * reached: 503 {@code unavailable}, as {@code POST /login} answers, never a 401 that
 * tells the client its password was wrong (and a browser to ask for it again), nor a
 * redirect to the login page with an error.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = PasswordLoginDatabaseOutageTests.PasswordLoginApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class PasswordLoginDatabaseOutageTests {

	static final AtomicBoolean DATABASE_DOWN = new AtomicBoolean();

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@AfterEach
	void databaseBack() {
		DATABASE_DOWN.set(false);
	}

	@Test
	void basicWhenTheDatabaseCannotBeReachedThenUnavailable(CapturedOutput output) {
		String email = account();
		assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(200);
		DATABASE_DOWN.set(true);
		assertUnavailable(basic(email, TestUsers.PASSWORD));
		assertUnavailable(basic(email, "wrong"));
		assertThat(output.getAll()).contains("Database unavailable").doesNotContain(TestUsers.PASSWORD);
		DATABASE_DOWN.set(false);
		assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(basic(email, "wrong").status()).isEqualTo(401);
	}

	@Test
	void formLoginWhenTheDatabaseCannotBeReachedThenUnavailable() {
		String email = account();
		assertThat(form(email, TestUsers.PASSWORD).header("Location").orElseThrow()).endsWith("/form/home");
		DATABASE_DOWN.set(true);
		assertUnavailable(form(email, TestUsers.PASSWORD));
		DATABASE_DOWN.set(false);
		assertThat(form(email, "wrong").header("Location").orElseThrow()).endsWith("/form/login?error");
	}

	private static void assertUnavailable(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.text("code")).isEqualTo("unavailable");
		assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).isEmpty();
	}

	String account() {
		String email = "outage-" + UUID.randomUUID() + "@example.com";
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, true));
		return email;
	}

	Response basic(String email, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new HttpTestClient(this.port).get("/basic/me").header("Authorization", "Basic " + credentials).send();
	}

	Response form(String email, String password) {
		return new HttpTestClient(this.port).post("/form/login")
			.body("application/x-www-form-urlencoded",
					"username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
							+ URLEncoder.encode(password, StandardCharsets.UTF_8))
			.send();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PasswordLoginApplication {

		// refuses every connection, as a database that is down does, while the test says
		@Bean
		DataSource dataSource() {
			DriverManagerDataSource h2 = new DriverManagerDataSource(
					"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			return new DelegatingDataSource(h2) {

				@Override
				public Connection getConnection() throws SQLException {
					if (DATABASE_DOWN.get()) {
						throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
					}
					return super.getConnection();
				}

			};
		}

		@Bean
		@Order(1)
		SecurityFilterChain basicChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/basic/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain formChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/form/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin((form) -> form.loginPage("/form/login")
					.loginProcessingUrl("/form/login")
					.defaultSuccessUrl("/form/home", true)
					.permitAll())
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		PasswordLoginController passwordLoginController() {
			return new PasswordLoginController();
		}

	}

	@RestController
	static class PasswordLoginController {

		@GetMapping("/basic/me")
		Map<String, Object> me(Authentication authentication) {
			return Map.of("name", authentication.getName());
		}

	}

}
