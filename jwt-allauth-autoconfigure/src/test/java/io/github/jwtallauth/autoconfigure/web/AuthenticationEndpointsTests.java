package io.github.jwtallauth.autoconfigure.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

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
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthTokenCustomizer;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.TokenClaimsCustomizer;
import io.github.jwtallauth.autoconfigure.account.TokenCustomizationContext;
import io.github.jwtallauth.autoconfigure.account.TokenCustomizationContext.TokenType;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.LoginFailedEvent;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;
import io.github.jwtallauth.autoconfigure.session.SessionRefreshedEvent;
import io.github.jwtallauth.autoconfigure.session.UserLoggedInEvent;
import io.github.jwtallauth.autoconfigure.session.UserLoggedOutEvent;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.QueryCounter;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, refresh, logout and logout-all over real HTTP, in cookie mode (the default).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, "spring.jpa.hibernate.ddl-auto=none" })
@Import({ QueryCounter.Configuration.class, AuthenticationEndpointsTests.TokenClaims.class })
class AuthenticationEndpointsTests {

	static final String PROBLEM_JSON = "application/problem+json";

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TestApplication.RecordedEvents events;

	@Autowired
	QueryCounter queries;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenClaims tokenClaims;

	HttpTestClient http;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.users = new TestUsers(this.accounts, this.passwordEncoder);
		this.events.clear();
	}

	@Test
	void loginWhenCredentialsCorrectThenAccessInBodyAndRefreshInCookie() {
		UserAccount user = this.users.user();
		Response response = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.json().propertyNames()).containsExactly("access");
		String cookie = response.setCookie("refresh_token").orElseThrow();
		assertThat(cookie).contains("Path=/", "Max-Age=1209600", "Secure", "HttpOnly", "SameSite=Lax")
			.doesNotContain("Domain=");
		assertThat(response.body()).doesNotContain(TestUsers.PASSWORD);
		assertThat(this.events.all()).singleElement().isInstanceOf(UserLoggedInEvent.class);
	}

	@Test
	void loginWhenEmailDiffersInCaseAndSpacesThenAccepted() {
		UserAccount user = this.users.user();
		String shouted = "  " + user.getEmail().toUpperCase() + " ";
		assertThat(this.http.post("/jwt-allauth/login/")
			.json(TestUsers.loginJson(shouted, TestUsers.PASSWORD))
			.send()
			.status()).isEqualTo(200);
	}

	@Test
	void loginWhenPasswordWrongOrAccountUnknownThenSameProblem() {
		UserAccount user = this.users.user();
		Response wrong = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user.getEmail(), "wrong"))
			.send();
		Response unknown = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson("nobody-" + System.nanoTime() + "@example.com", "wrong"))
			.send();
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).isEqualTo(
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Incorrect credentials\",\"code\":\"incorrect_credentials\"}");
		assertThat(unknown.body()).isEqualTo(wrong.body());
		assertThat(this.events.all()).filteredOn(LoginFailedEvent.class::isInstance)
			.extracting((event) -> ((LoginFailedEvent) event).getEmail())
			.contains(user.getEmail());
		assertThat(wrong.header("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
		assertThat(wrong.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
		assertThat(wrong.setCookie("refresh_token")).isEmpty();
	}

	@Test
	void problemDetailWhenSpanishRequestedThenTranslatedButCodeStable() {
		Response response = this.http.post("/jwt-allauth/login")
			.header("Accept-Language", "es-ES,es;q=0.9")
			.json(TestUsers.loginJson("nobody@example.com", "wrong"))
			.send();
		assertThat(response.text("detail")).isEqualTo("Credenciales incorrectas");
		assertThat(response.text("code")).isEqualTo("incorrect_credentials");
		Response french = this.http.post("/jwt-allauth/login")
			.header("Accept-Language", "fr")
			.json(TestUsers.loginJson("nobody@example.com", "wrong"))
			.send();
		assertThat(french.text("detail")).isEqualTo("Incorrect credentials");
	}

	@Test
	void loginWhenPasswordHasSurroundingSpacesThenNotTrimmed() {
		UserAccount user = this.users.user();
		assertThat(this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user.getEmail(), " " + TestUsers.PASSWORD))
			.send()
			.status()).isEqualTo(401);
	}

	@Test
	void openEndpointsWhenStaleBearerHeaderSentThenHeaderIgnored() {
		UserAccount user = this.users.user();
		String refresh = login(user).cookieValue("refresh_token").orElseThrow();
		Response loginWithStale = this.http.post("/jwt-allauth/login")
			.bearer("expired.or.garbage")
			.json(TestUsers.loginJson(user))
			.send();
		assertThat(loginWithStale.status()).isEqualTo(200);
		Response refreshWithStale = this.http.post("/jwt-allauth/refresh")
			.bearer("expired.or.garbage")
			.cookie("refresh_token", refresh)
			.send();
		assertThat(refreshWithStale.status()).isEqualTo(200);
		assertThat(this.http.get("/api/public").bearer("expired.or.garbage").send().status()).isEqualTo(200);
		// where authentication is required the stale token is named as the reason
		Response protectedCall = this.http.get("/jwt-allauth/user").bearer("expired.or.garbage").send();
		assertThat(protectedCall.status()).isEqualTo(401);
		assertThat(protectedCall.text("code")).isEqualTo("token_not_valid");
	}

	@Test
	void applicationErrorWhenAuthenticatedThenApplicationsErrorNotA401() {
		String access = login(this.users.user()).text("access");
		Response boom = this.http.get("/api/boom").bearer(access).send();
		assertThat(boom.status()).isEqualTo(500);
		assertThat(this.http.get("/api/no-such-page").bearer(access).send().status()).isEqualTo(404);
	}

	@Test
	void loginWhenEmailHasControlCharactersOrPasswordIsHugeThenIncorrectCredentials() {
		UserAccount user = this.users.user();
		Response nul = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user.getEmail() + "\\u0000", TestUsers.PASSWORD))
			.send();
		assertThat(nul.status()).isEqualTo(401);
		assertThat(nul.text("code")).isEqualTo("incorrect_credentials");
		Response huge = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user.getEmail(), "x".repeat(500)))
			.send();
		assertThat(huge.status()).isEqualTo(401);
		assertThat(huge.text("code")).isEqualTo("incorrect_credentials");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "\\u00a0%s", "%s\\u00a0", "\\u3000%s", "\\u2003%s", "%s\\u200b", "\\ufeff%s", "%s\\ud800",
			"victim-bank.com<%s>", "Victim <%s>", "%s (victim)" })
	void loginWhenAddressIsALookalikeOrHasADisplayNameThenAnsweredLikeAWrongPassword(String lookalike) {
		UserAccount user = this.users.user();
		Response wrong = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user.getEmail(), "wrong"))
			.send();
		Response response = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(lookalike.formatted(user.getEmail()), TestUsers.PASSWORD))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(wrong.body());
		assertThat(response.setCookie("refresh_token")).isEmpty();
	}

	@Test
	void loginWhenAddressSentDecomposedThenSameAccountAsPrecomposed() {
		String precomposed = "jos\u00e9-" + UUID.randomUUID() + "@example.com";
		this.accounts.create(new NewAccount(precomposed, this.passwordEncoder.encode(TestUsers.PASSWORD), "José", "", 0,
				true, true));
		String decomposedUpperCase = precomposed.toUpperCase(Locale.ROOT).replace("\u00c9", "E\\u0301");
		Response response = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(decomposedUpperCase, TestUsers.PASSWORD))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void loginWhenAccountInactiveThenAccountInactive() {
		UserAccount user = this.users.inactive();
		Response response = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("code")).isEqualTo("account_inactive");
	}

	@Test
	void loginWhenFieldsMissingThenInvalidWithFieldErrors() {
		Response response = this.http.post("/jwt-allauth/login").json("{\"email\":\"   \"}").send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo(
				"{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request is invalid.\",\"code\":\"invalid\",\"errors\":{\"email\":[\"This field may not be blank.\"],\"password\":[\"This field is required.\"]}}");
	}

	@Test
	void loginWhenBodyIsNotJsonThenInvalid() {
		for (String body : List.of("{bad", "", "[]", "\"text\"", "{\"email\": {\"$gt\": \"\"}, \"password\": 1}")) {
			Response response = this.http.post("/jwt-allauth/login").json(body).send();
			assertThat(response.status()).as(body).isIn(400, 401);
			assertThat(response.text("code")).as(body).isIn("invalid", "incorrect_credentials");
		}
	}

	@Test
	void loginWhenWrongMethodOrMediaTypeThenProblem() {
		Response get = this.http.get("/jwt-allauth/login").send();
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.header("Allow")).hasValue("POST");
		assertThat(get.text("code")).isEqualTo("method_not_allowed");
		Response text = this.http.post("/jwt-allauth/login").body("text/plain", "hello").send();
		assertThat(text.status()).isEqualTo(415);
		assertThat(text.text("code")).isEqualTo("unsupported_media_type");
	}

	@Test
	void unknownPathUnderBasePathThenNotFoundProblem() {
		// not one of jwt-allauth's endpoints: the application's chain decides who may
		// look
		assertThat(this.http.get("/jwt-allauth/does-not-exist").send().status()).isEqualTo(401);
		String access = login(this.users.user()).text("access");
		Response response = this.http.get("/jwt-allauth/does-not-exist").bearer(access).send();
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.text("code")).isEqualTo("not_found");
	}

	@Test
	void refreshWhenCookieValidThenRotatedAndOldOneRefused() {
		UserAccount user = this.users.user();
		String first = login(user).cookieValue("refresh_token").orElseThrow();
		Response refreshed = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", first).send();
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.json().propertyNames()).containsExactly("access");
		String second = refreshed.cookieValue("refresh_token").orElseThrow();
		assertThat(second).isNotEqualTo(first);
		assertThat(this.http.get("/api/hello").bearer(refreshed.text("access")).send().status()).isEqualTo(200);
		assertThat(this.events.all()).last().isInstanceOf(SessionRefreshedEvent.class);

		// replaying the rotated token revokes the whole session, successor included
		Response replay = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", first).send();
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.text("code")).isEqualTo("token_not_valid");
		assertThat(this.events.all()).last().isInstanceOf(RefreshTokenReuseDetectedEvent.class);
		assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", second).send().status())
			.isEqualTo(401);
	}

	@Test
	void refreshWhenOnlyBodyTokenInCookieModeThenMissing() {
		UserAccount user = this.users.user();
		String refresh = login(user).cookieValue("refresh_token").orElseThrow();
		Response response = this.http.post("/jwt-allauth/refresh").json("{\"refresh\":\"" + refresh + "\"}").send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"errors\":{\"refresh\":[\"This field is required.\"]}");
	}

	@Test
	void refreshWhenTokenGarbageOrAccessTokenThenTokenNotValid() {
		UserAccount user = this.users.user();
		String access = login(user).text("access");
		for (String token : List.of("garbage", access, "a.b.c")) {
			Response response = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", token).send();
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.text("code")).isEqualTo("token_not_valid");
			assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
		}
	}

	@Test
	void refreshWhenUserDeactivatedThenEverySessionRevoked() {
		UserAccount user = this.users.user();
		String phone = login(user).cookieValue("refresh_token").orElseThrow();
		String laptop = login(user).cookieValue("refresh_token").orElseThrow();
		this.jdbc.update("update jwt_allauth_user set active = false where id = ?", Long.valueOf(user.getId()));
		Response refused = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", phone).send();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.text("code")).isEqualTo("token_not_valid");
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class,
				user.getId()))
			.isZero();
		this.jdbc.update("update jwt_allauth_user set active = true where id = ?", Long.valueOf(user.getId()));
		assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", laptop).send().status())
			.isEqualTo(401);
	}

	@Test
	void refreshWhenRoleChangedThenNewAccessTokenCarriesIt() {
		UserAccount user = this.users.user();
		String refresh = login(user).cookieValue("refresh_token").orElseThrow();
		this.jdbc.update("update jwt_allauth_user set role = 1000 where id = ?", Long.valueOf(user.getId()));
		Response refreshed = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(this.http.get("/api/staff").bearer(refreshed.text("access")).send().status()).isEqualTo(200);
	}

	@Test
	void refreshWhenOneStepThenAtMostThreeStatementsInOneTransaction() {
		UserAccount user = this.users.user();
		String refresh = login(user).cookieValue("refresh_token").orElseThrow();
		this.queries.reset();
		Response response = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.queries.statements()).as("statements of one refresh").hasSizeBetween(1, 3);
		assertThat(this.queries.statements().get(0)).startsWithIgnoringCase("update jwt_allauth_session");
		assertThat(this.queries.commits()).isEqualTo(1);
	}

	@Test
	void authenticatedRequestWhenTokenValidThenNoSqlAtAll() {
		UserAccount user = this.users.staff();
		String access = login(user).text("access");
		this.queries.reset();
		Response hello = this.http.get("/api/hello").bearer(access).send();
		assertThat(hello.status()).isEqualTo(200);
		assertThat(hello.json().get("sub").asString()).isEqualTo(user.getId());
		assertThat(hello.json().get("authorities").get(0).asString()).isEqualTo("ROLE_STAFF");
		assertThat(this.http.get("/api/staff").bearer(access).send().status()).isEqualTo(200);
		assertThat(this.queries.statements()).isEmpty();
		assertThat(this.queries.commits()).isZero();
	}

	@Test
	void tokenCustomizersWhenDeclaredThenTheirClaimsReachThePrincipalAtLoginAndRefresh() {
		UserAccount user = this.users.user();
		Response login = login(user);
		JsonNode principal = principal(login.text("access"));
		assertThat(principal.get("attributes").get("plan").asString()).isEqualTo("gold-" + user.getId());
		assertThat(principal.get("attributes").get("tenant").asString()).isEqualTo("acme");
		// reserved names added by either customizer are dropped, the real claims stay
		assertThat(principal.get("attributes").propertyNames()).containsExactlyInAnyOrder("plan", "tenant");
		String sessionId = principal.get("sid").asString();
		assertThat(sessionId).isNotEqualTo("forged");
		assertThat(this.tokenClaims.seenBy(user)).singleElement().satisfies((context) -> {
			assertThat(context.tokenType()).isEqualTo(TokenType.ACCESS);
			assertThat(context.sessionId()).isEqualTo(sessionId);
			assertThat(context.sessionIssuedAt())
				.isEqualTo(Instant.ofEpochSecond(principal.get("session_iat").asLong()));
		});

		String refresh = login.cookieValue("refresh_token").orElseThrow();
		Response refreshed = this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send();
		assertThat(refreshed.status()).isEqualTo(200);
		JsonNode afterRefresh = principal(refreshed.text("access"));
		assertThat(afterRefresh.get("attributes").get("plan").asString()).isEqualTo("gold-" + user.getId());
		// a refresh builds one access token for the same session: refresh tokens are
		// never customized
		assertThat(this.tokenClaims.seenBy(user)).hasSize(2)
			.allSatisfy((context) -> assertThat(context.tokenType()).isEqualTo(TokenType.ACCESS))
			.extracting(TokenCustomizationContext::sessionId)
			.containsOnly(sessionId);
	}

	private JsonNode principal(String access) {
		Response response = this.http.get("/api/principal").bearer(access).send();
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	@Test
	void applicationEndpointWhenNoTokenOrBadTokenOrRoleMissingThenProblems() {
		Response none = this.http.get("/api/hello").send();
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.text("code")).isEqualTo("not_authenticated");
		assertThat(none.header("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
		Response bad = this.http.get("/api/hello").bearer("not-a-token").send();
		assertThat(bad.status()).isEqualTo(401);
		assertThat(bad.text("code")).isEqualTo("token_not_valid");
		String userAccess = login(this.users.user()).text("access");
		Response forbidden = this.http.get("/api/staff").bearer(userAccess).send();
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.text("code")).isEqualTo("permission_denied");
		assertThat(this.http.get("/api/public").send().status()).isEqualTo(200);
	}

	@Test
	void logoutWhenOwnRefreshTokenThenSessionClosedAndCookieCleared() {
		UserAccount user = this.users.user();
		Response login = login(user);
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		Response logout = this.http.post("/jwt-allauth/logout")
			.bearer(login.text("access"))
			.cookie("refresh_token", refresh)
			.send();
		assertThat(logout.status()).isEqualTo(200);
		assertThat(logout.body()).isEqualTo("{\"detail\":\"Successfully logged out.\"}");
		assertThat(logout.setCookie("refresh_token").orElseThrow()).startsWith("refresh_token=;")
			.contains("Max-Age=0", "Path=/");
		assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send().status())
			.isEqualTo(401);
		assertThat(this.events.all()).last().isInstanceOf(UserLoggedOutEvent.class);
		// logging out twice is an invalid token, and changes nothing
		Response again = this.http.post("/jwt-allauth/logout")
			.bearer(login.text("access"))
			.cookie("refresh_token", refresh)
			.send();
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text("code")).isEqualTo("invalid_token");
	}

	@Test
	void logoutWhenAnotherUsersRefreshTokenThenInvalidTokenAndTheirSessionSurvives() {
		Response mine = login(this.users.user());
		Response theirs = login(this.users.user());
		String theirRefresh = theirs.cookieValue("refresh_token").orElseThrow();
		Response response = this.http.post("/jwt-allauth/logout")
			.bearer(mine.text("access"))
			.cookie("refresh_token", theirRefresh)
			.send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("invalid_token");
		assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", theirRefresh).send().status())
			.isEqualTo(200);
	}

	@Test
	void logoutWhenNotAuthenticatedOrNoCookieThenRefused() {
		Response anonymous = this.http.post("/jwt-allauth/logout").send();
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.text("code")).isEqualTo("not_authenticated");
		Response login = login(this.users.user());
		Response noCookie = this.http.post("/jwt-allauth/logout").bearer(login.text("access")).send();
		assertThat(noCookie.status()).isEqualTo(400);
		assertThat(noCookie.text("code")).isEqualTo("invalid");
	}

	@Test
	void logoutAllWhenSeveralSessionsThenAllClosed() {
		UserAccount user = this.users.user();
		Response phone = login(user);
		Response laptop = login(user);
		Response response = this.http.post("/jwt-allauth/logout-all/").bearer(phone.text("access")).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Successfully logged out from all devices.\"}");
		assertThat(response.setCookie("refresh_token").orElseThrow()).contains("Max-Age=0");
		for (Response session : List.of(phone, laptop)) {
			String refresh = session.cookieValue("refresh_token").orElseThrow();
			assertThat(this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refresh).send().status())
				.isEqualTo(401);
		}
	}

	Response login(UserAccount user) {
		Response response = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	/**
	 * A context customizer that records what it is told, and a deprecated one, both also
	 * trying reserved names.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class TokenClaims implements JwtAllAuthTokenCustomizer {

		private final List<TokenCustomizationContext> seen = new CopyOnWriteArrayList<>();

		@Override
		public void customize(TokenCustomizationContext context) {
			this.seen.add(context);
			context.claims().put("plan", "gold-" + context.user().getId());
			context.claims().put("sid", "forged");
		}

		List<TokenCustomizationContext> seenBy(UserAccount user) {
			return this.seen.stream().filter((context) -> context.user().getId().equals(user.getId())).toList();
		}

		@Bean
		@SuppressWarnings("removal")
		TokenClaimsCustomizer legacyTenantClaim() {
			return (user, claims) -> {
				claims.put("tenant", "acme");
				claims.put("role", 1000);
			};
		}

	}

}
