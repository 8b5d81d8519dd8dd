package io.github.jwtallauth.autoconfigure.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that also turns on HTTP Basic checks passwords through jwt-allauth's
 * accounts, and that path is no way around the login limits or the second factor.
 */
@SpringBootTest(classes = HttpBasicLoginTests.BasicApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.rate-limit.login-per-account=5/5m" })
class HttpBasicLoginTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void basicWhenRightPasswordThenAuthenticated() {
		String email = account();
		assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void basicWhenPasswordsGuessedThenLockedEvenForTheRightOne() {
		String email = account();
		for (int i = 0; i < 5; i++) {
			assertThat(basic(email, "guess " + i).status()).isEqualTo(401);
		}
		assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void principalParameterWhenAuthenticatedByBasicThenRefusedRatherThanNull() {
		// jwt-allauth's resolver runs ahead of Spring Security's, which would give null;
		// a password login is not an access token, whatever its authorities
		String email = account();
		assertThat(basic(email, TestUsers.PASSWORD, "/basic/principal").status()).isEqualTo(500);
		assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(200);
	}

	@Nested
	@TestPropertySource(properties = { "jwtallauth.mfa.mode=required",
			"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
	class WithSecondFactor {

		@Test
		void basicWhenSecondFactorRequiredThenThePasswordAloneIsRefused() {
			String email = account();
			assertThat(basic(email, TestUsers.PASSWORD).status()).isEqualTo(401);
		}

	}

	String account() {
		String email = "basic-" + UUID.randomUUID() + "@example.com";
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, true));
		return email;
	}

	HttpTestClient.Response basic(String email, String password) {
		return basic(email, password, "/basic/me");
	}

	HttpTestClient.Response basic(String email, String password, String path) {
		String credentials = Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new HttpTestClient(this.port).get(path).header("Authorization", "Basic " + credentials).send();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BasicApplication {

		@Bean
		SecurityFilterChain basicChain(HttpSecurity http) throws Exception {
			http.securityMatcher("/basic/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		BasicController basicController() {
			return new BasicController();
		}

	}

	@RestController
	static class BasicController {

		@GetMapping("/basic/me")
		Map<String, Object> me(Authentication authentication) {
			return Map.of("name", authentication.getName());
		}

		@GetMapping("/basic/principal")
		Map<String, Object> principal(@AuthenticationPrincipal JwtAllAuthPrincipal principal) {
			return Map.of("principal", String.valueOf(principal));
		}

	}

}
