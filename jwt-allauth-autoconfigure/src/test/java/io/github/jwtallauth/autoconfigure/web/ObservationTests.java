package io.github.jwtallauth.autoconfigure.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observations of login, refresh, logout, MFA verification and social login over real
 * HTTP, recorded by Micrometer's {@link TestObservationRegistry}: one per operation,
 * stopped, with the documented low-cardinality keys and values on success and failure,
 * and never a user id, an address, a token or a challenge in any key value. A meter
 * handler on the same registry turns them into timers, as Boot's does.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.mfa.mode=optional",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
@Import({ MutableClockConfiguration.class, ObservationTests.Registries.class })
class ObservationTests {

	private static final String ISSUER = "mock";

	/** Every value a jwt-allauth key may take: anything else would be a leak. */
	private static final Set<String> VOCABULARY = vocabulary();

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TestObservationRegistry observations;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MutableClock clock;

	HttpTestClient http;

	TestUsers users;

	// what must never appear in a key value
	final List<String> secrets = new ArrayList<>();

	@DynamicPropertySource
	static void registerProvider(DynamicPropertyRegistry registry) {
		provider.registerClient(registry, "mock", ISSUER);
	}

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.users = new TestUsers(this.accounts, this.passwordEncoder);
		this.observations.clear();
	}

	@Test
	void loginWhenPasswordRightOrWrongThenObservedWithOutcomeAndCode() {
		UserAccount user = user();
		Response ok = login(user.getEmail(), TestUsers.PASSWORD);
		assertThat(ok.status()).isEqualTo(200);
		remember(ok);
		assertThat(login(user.getEmail(), "wrong").status()).isEqualTo(401);
		assertThat(this.http.post("/jwt-allauth/login").json("{\"email\":\"" + user.getEmail() + "\"}").send().status())
			.isEqualTo(400);
		assertThat(keyValues(JwtAllAuthObservation.LOGIN)).containsExactly(
				Map.of("outcome", "success", "code", "none", "method", "password", "mfa", "none"),
				Map.of("outcome", "failure", "code", "incorrect_credentials", "method", "password", "mfa", "none"),
				Map.of("outcome", "failure", "code", "invalid", "method", "password", "mfa", "none"));
		assertNothingPersonal();
		// a timer per tag set, as Boot's meter handler makes them; the counters stay
		Timer failures = this.meters.get("jwtallauth.login")
			.tag("outcome", "failure")
			.tag("code", "incorrect_credentials")
			.timer();
		assertThat(failures.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("jwtallauth.logins").tag("outcome", "incorrect_credentials").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void refreshWhenRotatedOrRefusedThenOneObservationEach() {
		Response login = login(user().getEmail(), TestUsers.PASSWORD);
		remember(login);
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		this.observations.clear();
		Response refreshed = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(refreshed.status()).isEqualTo(200);
		remember(refreshed);
		// the hot path makes no other jwt-allauth observation
		assertThat(jwtAllAuthContexts()).allMatch((context) -> context.getName().equals("jwtallauth.refresh"));
		// the replayed token is refused (and revokes the session)
		assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send().status())
			.isEqualTo(401);
		assertThat(this.http.post("/jwt-allauth/refresh").send().status()).isEqualTo(400);
		assertThat(keyValues(JwtAllAuthObservation.REFRESH)).containsExactly(
				Map.of("outcome", "success", "code", "none", "method", "cookie"),
				Map.of("outcome", "failure", "code", "token_not_valid", "method", "cookie"),
				Map.of("outcome", "failure", "code", "invalid", "method", "cookie"));
		// besides, the replay's reuse alert mail may have been delivered meanwhile
		assertThat(jwtAllAuthContexts()).allMatch((context) -> context.getName().equals("jwtallauth.refresh")
				|| context.getName().equals("jwtallauth.mail.delivery"));
		assertNothingPersonal();
	}

	@Test
	void refreshWhenObservedThenItsSpanIsAChildOfTheSecuredRequest() {
		Response login = login(user().getEmail(), TestUsers.PASSWORD);
		remember(login);
		this.observations.clear();
		this.http.post("/jwt-allauth/refresh")
			.cookie("refresh_token", login.cookieValue("refresh_token").orElseThrow())
			.send();
		Observation.Context refresh = contexts(JwtAllAuthObservation.REFRESH).get(0);
		List<String> ancestors = new ArrayList<>();
		for (Observation.ContextView parent = parentOf(refresh); parent != null; parent = parentOf(parent)) {
			ancestors.add(parent.getName());
		}
		// the tree docs/observability.md shows; in an application with Boot's actuator,
		// Spring MVC's "http post /jwt-allauth/refresh" is the root above them
		assertThat(ancestors).containsExactly("spring.security.http.secured.requests", "spring.security.filterchains");
		assertThat(jwtAllAuthContexts()).singleElement().isSameAs(refresh);
	}

	@Test
	void logoutWhenOneOrAllThenObservedWithScope() {
		Response login = login(user().getEmail(), TestUsers.PASSWORD);
		remember(login);
		String access = login.text("access");
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		this.observations.clear();
		assertThat(logout(access, refresh).status()).isEqualTo(200);
		assertThat(logout(access, refresh).status()).isEqualTo(400);
		assertThat(this.http.post("/jwt-allauth/logout-all").bearer(access).send().status()).isEqualTo(200);
		assertThat(keyValues(JwtAllAuthObservation.LOGOUT)).containsExactly(
				Map.of("outcome", "success", "code", "none", "scope", "session"),
				Map.of("outcome", "failure", "code", "invalid_token", "scope", "session"),
				Map.of("outcome", "success", "code", "none", "scope", "all"));
		assertNothingPersonal();
	}

	@Test
	void mfaWhenChallengedThenLoginSaysRequiredAndVerificationIsObserved() {
		UserAccount user = user();
		Enrolled enrolled = enrol(user);
		this.observations.clear();
		String challenge = challenge(user);
		this.clock.advance(Duration.ofSeconds(30));
		Response wrong = verify(challenge, wrongCode(enrolled.secret()));
		assertThat(wrong.status()).isEqualTo(400);
		Response verified = verify(challenge, Rfc6238.code(enrolled.secret(), this.clock.instant(), 6));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		remember(verified);
		Response recovered = this.http.post("/jwt-allauth/mfa/verify-recovery")
			.json("{\"challenge_id\":\"" + challenge(user) + "\",\"recovery_code\":\"" + enrolled.recoveryCode()
					+ "\"}")
			.send();
		assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
		remember(recovered);
		assertThat(keyValues(JwtAllAuthObservation.LOGIN))
			.containsOnly(Map.of("outcome", "success", "code", "none", "method", "password", "mfa", "required"));
		assertThat(keyValues(JwtAllAuthObservation.MFA_VERIFY)).containsExactly(
				Map.of("outcome", "failure", "code", "mfa_invalid_code", "method", "totp"),
				Map.of("outcome", "success", "code", "none", "method", "totp"),
				Map.of("outcome", "success", "code", "none", "method", "recovery_code"));
		assertNothingPersonal();
	}

	@Test
	void loginWhenTheSecondFactorIsLockedThenThrottledWithMfaRequired() {
		UserAccount user = user();
		Enrolled enrolled = enrol(user);
		// five wrong codes end a challenge; the tenth wrong code within the lockout locks
		for (int i = 0; i < 2; i++) {
			String challenge = challenge(user);
			for (int j = 0; j < 5; j++) {
				verify(challenge, wrongCode(enrolled.secret()));
			}
		}
		this.observations.clear();
		assertThat(login(user.getEmail(), TestUsers.PASSWORD).status()).isEqualTo(429);
		assertThat(keyValues(JwtAllAuthObservation.LOGIN)).containsExactly(
				Map.of("outcome", "failure", "code", "throttled", "method", "password", "mfa", "required"));
		assertNothingPersonal();
	}

	@Test
	void socialLoginWhenSignedInOrRefusedThenObservedWithItsMethod() {
		String email = "social-" + UUID.randomUUID() + "@example.com";
		this.secrets.add(email);
		String idToken = provider.idToken(ISSUER).subject("sub-" + UUID.randomUUID()).email(email, true).sign();
		this.secrets.add(idToken);
		Response ok = socialToken(
				"{\"id_token\":\"" + idToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}");
		assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
		remember(ok);
		this.secrets.add(this.accounts.findByEmail(email).orElseThrow().getId());
		assertThat(
				socialToken("{\"id_token\":\"not-a-token\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}").status())
			.isEqualTo(401);
		// an enrolled account, found by its verified address: a challenge, not a session
		UserAccount enrolled = user();
		enrol(enrolled);
		String enrolledToken = provider.idToken(ISSUER)
			.subject("sub-" + UUID.randomUUID())
			.email(enrolled.getEmail(), true)
			.sign();
		this.secrets.add(enrolledToken);
		Response challenged = socialToken(
				"{\"id_token\":\"" + enrolledToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}");
		assertThat(challenged.json().get("mfa_required").asBoolean()).as(challenged.toString()).isTrue();
		this.secrets.add(challenged.text("challenge_id"));
		assertThat(keyValues(JwtAllAuthObservation.SOCIAL_LOGIN)).containsExactly(
				Map.of("outcome", "success", "code", "none", "method", "id_token", "mfa", "none"),
				Map.of("outcome", "failure", "code", "invalid_social_token", "method", "id_token", "mfa", "none"),
				Map.of("outcome", "success", "code", "none", "method", "id_token", "mfa", "required"));
		assertNothingPersonal();
	}

	private UserAccount user() {
		UserAccount user = this.users.user();
		this.secrets.add(user.getEmail());
		this.secrets.add(user.getId());
		this.secrets.add(TestUsers.PASSWORD);
		return user;
	}

	// the tokens a response carries must not show up in an observation either
	private void remember(Response response) {
		if (response.json().has("access")) {
			this.secrets.add(response.text("access"));
		}
		response.cookieValue("refresh_token").ifPresent(this.secrets::add);
	}

	private Response login(String email, String password) {
		return this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(email, password)).send();
	}

	private Response logout(String access, String refresh) {
		return this.http.post("/jwt-allauth/logout").bearer(access).cookie("refresh_token", refresh).send();
	}

	private Response socialToken(String json) {
		return this.http.post("/jwt-allauth/social/mock/token").json(json).send();
	}

	private Enrolled enrol(UserAccount user) {
		String access = login(user.getEmail(), TestUsers.PASSWORD).text("access");
		String secret = this.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("secret");
		this.secrets.add(secret);
		Response activated = this.http.post("/jwt-allauth/mfa/activate")
			.bearer(access)
			.json("{\"code\":\"" + Rfc6238.code(secret, this.clock.instant(), 6) + "\"}")
			.send();
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		String recoveryCode = activated.json().get("recovery_codes").get(0).asString();
		this.secrets.add(recoveryCode);
		return new Enrolled(secret, recoveryCode);
	}

	private String challenge(UserAccount user) {
		Response challenged = login(user.getEmail(), TestUsers.PASSWORD);
		assertThat(challenged.json().get("mfa_required").asBoolean()).as(challenged.toString()).isTrue();
		String challenge = challenged.text("challenge_id");
		this.secrets.add(challenge);
		return challenge;
	}

	private Response verify(String challenge, String code) {
		return this.http.post("/jwt-allauth/mfa/verify")
			.json("{\"challenge_id\":\"" + challenge + "\",\"code\":\"" + code + "\"}")
			.send();
	}

	private String wrongCode(String secret) {
		long step = this.clock.instant().getEpochSecond() / 30;
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!code.equals(Rfc6238.codeAtStep(secret, step - 1, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step + 1, 6))) {
				return code;
			}
		}
	}

	private List<Observation.Context> jwtAllAuthContexts() {
		List<Observation.Context> found = new ArrayList<>();
		assertThat(this.observations).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
			.filter((context) -> context.getName() != null && context.getName().startsWith("jwtallauth."))
			.forEach(found::add));
		return found;
	}

	private List<Observation.Context> contexts(JwtAllAuthObservation observation) {
		return jwtAllAuthContexts().stream()
			.filter((context) -> observation.getName().equals(context.getName()))
			.toList();
	}

	// in the order the observations stopped, each one's low-cardinality keys
	private List<Map<String, String>> keyValues(JwtAllAuthObservation observation) {
		List<Map<String, String>> all = new ArrayList<>();
		for (Observation.Context context : contexts(observation)) {
			assertThat(context.getContextualName()).isEqualTo(observation.getName().replace('.', ' '));
			Map<String, String> values = new LinkedHashMap<>();
			context.getLowCardinalityKeyValues()
				.forEach((keyValue) -> values.put(keyValue.getKey(), keyValue.getValue()));
			all.add(values);
		}
		return all;
	}

	private void assertNothingPersonal() {
		assertThat(jwtAllAuthContexts()).isNotEmpty().allSatisfy((context) -> {
			assertThat(context.getHighCardinalityKeyValues()).isEmpty();
			for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
				assertThat(keyValue.getValue()).as(keyValue.getKey()).isIn(VOCABULARY);
				for (String secret : this.secrets) {
					assertThat(keyValue.getValue()).as(keyValue.getKey()).doesNotContain(secret);
				}
			}
		});
	}

	private static Observation.@Nullable ContextView parentOf(Observation.ContextView context) {
		ObservationView parent = context.getParentObservation();
		return (parent != null) ? parent.getContextView() : null;
	}

	private static Set<String> vocabulary() {
		Set<String> words = new HashSet<>(Arrays.asList("success", "failure", "none", "required", "password", "cookie",
				"body", "session", "all", "totp", "recovery_code", "id_token", "access_token", "code", "server_error"));
		for (ErrorCode code : ErrorCode.values()) {
			words.add(code.code());
		}
		return words;
	}

	record Enrolled(String secret, String recoveryCode) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry(MeterRegistry meters) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
