package io.github.jwtallauth.autoconfigure.ratelimit;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redis backend with no Redis to reach: the application starts, and every
 * rate-limited request fails closed with 503 {@code unavailable}, quickly, without a
 * stack trace in the answer, while the health indicator says DOWN.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(OrderAnnotation.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.rate-limit.backend=redis",
				"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms" })
class RedisUnavailableTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	ApplicationContext context;

	HttpTestClient http;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		String closed = RedisUnderTest.closedPortUrl();
		registry.add("spring.data.redis.url", () -> closed);
	}

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
	}

	// first: the warning is logged once per ten seconds
	@Test
	@Order(1)
	void loginWhenRedisCannotBeReachedThenUnavailableEvenForTheRightPasswordAndOneWarningLogged(CapturedOutput output) {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, true));
		long started = System.nanoTime();
		Response login = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.send();
		assertUnavailable(login);
		assertThat(login.setCookie("refresh_token")).isEmpty();
		Response wrong = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(email, "wrong")).send();
		assertUnavailable(wrong);
		// refused at once, not after a long wait for Redis
		assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
		// one line for the two failures, without a stack trace or what was sent
		assertThat(output.getAll().split("rate-limit store cannot be reached", -1)).hasSize(2);
		assertThat(output.getAll()).doesNotContain("\tat io.lettuce")
			.doesNotContain(email)
			.doesNotContain(TestUsers.PASSWORD);
	}

	@Test
	void mailRequestsAndSignUpWhenRedisCannotBeReachedThenUnavailable() {
		assertUnavailable(this.http.post("/jwt-allauth/password/reset")
			.json("{\"email\":\"someone-" + UUID.randomUUID() + "@example.com\"}")
			.send());
		assertUnavailable(this.http.post("/jwt-allauth/registration/resend-verification")
			.json("{\"email\":\"someone-" + UUID.randomUUID() + "@example.com\"}")
			.send());
		assertUnavailable(this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"new-" + UUID.randomUUID() + "@example.com\",\"password1\":\"Tr0ub4dor&3-horse\","
					+ "\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send());
	}

	@Test
	void healthWhenRedisCannotBeReachedThenDownWithAShortReason() {
		HealthIndicator indicator = this.context.getBean("jwtAllAuthRateLimitHealthIndicator", HealthIndicator.class);
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("backend", "redis").containsKey("reason");
		assertThat(String.valueOf(health.getDetails().get("reason"))).hasSizeLessThan(1000);
	}

	private static void assertUnavailable(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.text("code")).isEqualTo("unavailable");
		assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("redis");
	}

}
