package io.github.jwtallauth.autoconfigure.web;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.FakeGitHub;
import io.github.jwtallauth.autoconfigure.test.FakeGitHub.Email;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Pkce;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with GitHub over real HTTP, configured as an application would: the
 * registration id {@code github}, so that Spring Boot applies GitHub's defaults (the
 * numeric {@code id} as the user name attribute, the {@code read:user} scope, client
 * secret basic authentication), and only the client credentials and the endpoints of a
 * GitHub Enterprise Server in the properties. GitHub issues no ID token: who the user is,
 * and which addresses are verified, comes from its REST API with the access token, which
 * the client sent or which the code exchange at GitHub's token endpoint yielded.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class SocialGitHubTests extends SocialHttpTests {

	private static final String CALLBACK_URL = "https://app.example.com/login/github/callback";

	@RegisterExtension
	static final FakeGitHub gitHub = new FakeGitHub();

	@DynamicPropertySource
	static void registerGitHub(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.registration.github.client-id", () -> FakeGitHub.CLIENT_ID);
		registry.add("spring.security.oauth2.client.registration.github.client-secret", () -> FakeGitHub.CLIENT_SECRET);
		registry.add("spring.security.oauth2.client.provider.github.authorization-uri",
				() -> gitHub.url("/login/oauth/authorize"));
		registry.add("spring.security.oauth2.client.provider.github.token-uri",
				() -> gitHub.url(FakeGitHub.TOKEN_PATH));
		registry.add("spring.security.oauth2.client.provider.github.user-info-uri", () -> gitHub.url("/api/v3/user"));
		registry.add("jwtallauth.social.callback-urls", () -> CALLBACK_URL);
	}

	@Test
	void providersWhenGitHubRegisteredByIdThenListedWithItsClientId() {
		Response providers = this.http.get("/jwt-allauth/social/providers").send();
		assertThat(providers.status()).isEqualTo(200);
		assertThat(providers.json()).singleElement().satisfies((provider) -> {
			assertThat(provider.get("id").asString()).isEqualTo("github");
			assertThat(provider.get("client_id").asString()).isEqualTo(FakeGitHub.CLIENT_ID);
		});
		assertThat(providers.body()).doesNotContain(FakeGitHub.CLIENT_SECRET);
	}

	@Test
	void tokenWhenGitHubIssuedTheAccessTokenThenAccountOfThePrimaryAddressWithoutPasswordAndNumericUid() {
		long id = newId();
		String primary = newAddress();
		String other = newAddress();
		String accessToken = gitHub.accessToken("octo-" + id, id,
				List.of(Email.unverified(newAddress()), Email.verified(other), Email.primary(primary.toUpperCase())));
		Response signedIn = signInWithAccessToken(accessToken);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(signedIn.text("access")).isNotBlank();
		assertThat(signedIn.cookieValue("refresh_token")).isPresent();
		UserAccount created = this.accounts.findByEmail(primary).orElseThrow();
		assertThat(created.getEmail()).isEqualTo(primary);
		assertThat(created.isEmailVerified()).isTrue();
		assertThat(created.getPassword()).isNull();
		assertThat(created.getFirstName()).isEqualTo("octo-" + id);
		assertThat(created.getLastName()).isEqualTo("Octocat");
		assertThat(subjectOf(signedIn)).isEqualTo(created.getId());
		assertThat(accountsWith(other)).isZero();
		assertThat(linkOwner(id)).isEqualTo(created.getId());
		assertThat(gitHub.requests()).containsSubsequence("GET /api/v3/user Bearer " + accessToken,
				"GET /api/v3/user/emails Bearer " + accessToken);
		// the same GitHub user again, with another token: the link signs the same user in
		Response again = signInWithAccessToken(gitHub.accessToken("octo-" + id, id, List.of(Email.primary(primary))));
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(subjectOf(again)).isEqualTo(created.getId());
		assertThat(accountsWith(primary)).isEqualTo(1);
		assertThat(links(id)).isEqualTo(1);
	}

	@Test
	void tokenWhenGitHubDoesNotKnowTheTokenThenRefusedWithoutItsWordsAndNothingWritten() {
		long users = count("jwt_allauth_user");
		long links = count("jwt_allauth_social_account");
		Response refused = signInWithAccessToken("gho_" + UUID.randomUUID().toString().replace("-", ""));
		assertRefused(refused, "invalid_social_token", 401);
		assertThat(refused.body()).doesNotContain("Bad credentials").doesNotContain("docs.github.com");
		assertThat(count("jwt_allauth_user")).isEqualTo(users);
		assertThat(count("jwt_allauth_social_account")).isEqualTo(links);
	}

	@Test
	void tokenWhenAnotherGitHubAppObtainedItThenRefusedAndNothingWritten() {
		// GitHub's /user answers for any app's token: only this app's own may sign in
		long id = newId();
		String email = newAddress();
		String token = gitHub.accessTokenOfAnotherApp("mallory-app-user", id, List.of(FakeGitHub.Email.primary(email)));
		assertRefused(signInWithAccessToken(token), "invalid_social_token", 401);
		assertThat(accountsWith(email)).isZero();
		assertThat(links(id)).isZero();
	}

	@Test
	void tokenWhenClientIdIsNotTheAppsThenRefusedBeforeGitHubIsAsked() {
		long id = newId();
		String accessToken = gitHub.accessToken("octo-" + id, id, List.of(Email.primary(newAddress())));
		Response refused = this.http.post("/jwt-allauth/social/github/token")
			.json("{\"access_token\":\"" + accessToken + "\",\"client_id\":\"Iv1.another-app\"}")
			.send();
		assertRefused(refused, "client_id_mismatch", 401);
		assertThat(gitHub.requests()).noneMatch((request) -> request.endsWith(accessToken));
		assertThat(links(id)).isZero();
	}

	@Test
	void tokenWhenGitHubVerifiedNoAddressThenRefusedAndNothingCreated() {
		long id = newId();
		String primary = newAddress();
		String other = newAddress();
		String accessToken = gitHub.accessToken("octo-" + id, id,
				List.of(new Email(primary, false, true), Email.unverified(other)));
		assertRefused(signInWithAccessToken(accessToken), "provider_email_unverified", 400);
		assertThat(accountsWith(primary)).isZero();
		assertThat(accountsWith(other)).isZero();
		assertThat(links(id)).isZero();
	}

	@Test
	void codeWhenGitHubIssuedItThenExchangedOnceForAnAccountAndSession() {
		long id = newId();
		String primary = newAddress();
		String verifier = Pkce.verifier();
		String code = gitHub.authorize("octo-" + id, id, List.of(Email.primary(primary)), CALLBACK_URL,
				Pkce.challenge(verifier));
		Response signedIn = exchange("/jwt-allauth/social/github/code", null, code, verifier);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(signedIn.text("access")).isNotBlank();
		assertThat(signedIn.cookieValue("refresh_token")).isPresent();
		UserAccount created = this.accounts.findByEmail(primary).orElseThrow();
		assertThat(created.isEmailVerified()).isTrue();
		assertThat(created.getPassword()).isNull();
		assertThat(subjectOf(signedIn)).isEqualTo(created.getId());
		assertThat(linkOwner(id)).isEqualTo(created.getId());
		// the app authenticated as Boot's GitHub defaults say, and sent the verifier;
		// the access token it was given then read the user
		List<String> requests = gitHub.requests();
		assertThat(requests).contains("POST " + FakeGitHub.TOKEN_PATH + " client_secret_basic code_verifier");
		assertThat(requests).anySatisfy((request) -> assertThat(request).startsWith("GET /api/v3/user Bearer gho_"));
		assertThat(requests)
			.anySatisfy((request) -> assertThat(request).startsWith("GET /api/v3/user/emails Bearer gho_"));
		// the same code again: refused, and nothing new
		int asked = tokenRequests();
		assertRefused(exchange("/jwt-allauth/social/github/code", null, code, verifier), "invalid_social_token", 401);
		assertThat(tokenRequests()).isEqualTo(asked);
		assertThat(accountsWith(primary)).isEqualTo(1);
		assertThat(links(id)).isEqualTo(1);
	}

	@Test
	void codeWhenGitHubRefusesTheExchangeThenRefusedWithoutItsWordsAndNothingWritten() {
		long id = newId();
		String primary = newAddress();
		String verifier = Pkce.verifier();
		String code = gitHub.authorize("octo-" + id, id, List.of(Email.primary(primary)), CALLBACK_URL,
				Pkce.challenge(verifier));
		// another verifier than the one the challenge was made from
		int asked = tokenRequests();
		Response wrongVerifier = exchange("/jwt-allauth/social/github/code", null, code, Pkce.verifier());
		assertRefused(wrongVerifier, "invalid_social_token", 401);
		// a code GitHub never issued; GitHub says so with status 200 and an error object
		Response unknown = exchange("/jwt-allauth/social/github/code", null, "0123456789abcdef0123", verifier);
		assertRefused(unknown, "invalid_social_token", 401);
		assertThat(unknown.body()).doesNotContain("bad_verification_code").doesNotContain("docs.github.com");
		// both were GitHub's refusals, not the library's replay check
		assertThat(tokenRequests()).isEqualTo(asked + 2);
		assertThat(accountsWith(primary)).isZero();
		assertThat(links(id)).isZero();
	}

	@Test
	void codeWhenCallbackUrlIsNotAllowedThenRefusedBeforeGitHubIsAsked() {
		long id = newId();
		String verifier = Pkce.verifier();
		String code = gitHub.authorize("octo-" + id, id, List.of(Email.primary(newAddress())),
				"https://evil.example.com/callback", Pkce.challenge(verifier));
		int asked = tokenRequests();
		Response refused = this.http.post("/jwt-allauth/social/github/code")
			.json("{\"code\":\"" + code
					+ "\",\"callback_url\":\"https://evil.example.com/callback\",\"code_verifier\":\"" + verifier
					+ "\"}")
			.send();
		assertRefused(refused, "callback_url_not_allowed", 400);
		assertThat(tokenRequests()).isEqualTo(asked);
		assertThat(links(id)).isZero();
	}

	@Test
	void connectCodeWhenSignedInWithPasswordThenTheGitHubAccountIsLinkedByItsNumericId() {
		String email = newAddress();
		UserAccount user = owner(email);
		String access = passwordLogin(email);
		long id = newId();
		String verifier = Pkce.verifier();
		// GitHub's address is another one: connecting does not go by address
		String code = gitHub.authorize("octo-" + id, id, List.of(Email.primary(newAddress())), CALLBACK_URL,
				Pkce.challenge(verifier));
		assertRefused(exchange("/jwt-allauth/social/github/connect/code", null, code, verifier), "not_authenticated",
				401);
		Response connected = exchange("/jwt-allauth/social/github/connect/code", access, code, verifier);
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		assertThat(connected.text("provider")).isEqualTo("github");
		assertThat(connected.text("uid")).isEqualTo(Long.toString(id));
		assertThat(connected.cookieValue("refresh_token")).isEmpty();
		assertThat(linkOwner(id)).isEqualTo(user.getId());
		assertThat(this.accounts.findById(user.getId()).orElseThrow().getEmail()).isEqualTo(email);
		// the GitHub account now signs that user in
		Response signedIn = signInWithAccessToken(gitHub.accessToken("octo-" + id, id, List.of()));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(subjectOf(signedIn)).isEqualTo(user.getId());
	}

	@Test
	void connectTokenWhenSignedInWithPasswordThenTheGitHubAccountIsLinkedByItsNumericId() {
		String email = newAddress();
		UserAccount user = owner(email);
		String access = passwordLogin(email);
		long id = newId();
		// no verified address at GitHub: connecting does not go by address
		String accessToken = gitHub.accessToken("octo-" + id, id, List.of(Email.unverified(newAddress())));
		Response connected = this.http.post("/jwt-allauth/social/github/connect/token")
			.bearer(access)
			.json("{\"access_token\":\"" + accessToken + "\",\"client_id\":\"" + FakeGitHub.CLIENT_ID + "\"}")
			.send();
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		assertThat(connected.text("uid")).isEqualTo(Long.toString(id));
		assertThat(linkOwner(id)).isEqualTo(user.getId());
		// a token GitHub does not know links nothing
		long otherId = newId();
		Response refused = this.http.post("/jwt-allauth/social/github/connect/token")
			.bearer(access)
			.json("{\"access_token\":\"gho_unknown\",\"client_id\":\"" + FakeGitHub.CLIENT_ID + "\"}")
			.send();
		assertRefused(refused, "invalid_social_token", 401);
		assertThat(links(otherId)).isZero();
	}

	private Response signInWithAccessToken(String accessToken) {
		return this.http.post("/jwt-allauth/social/github/token")
			.json("{\"access_token\":\"" + accessToken + "\",\"client_id\":\"" + FakeGitHub.CLIENT_ID + "\"}")
			.send();
	}

	private Response exchange(String path, String access, String code, String verifier) {
		HttpTestClient.Request request = this.http.post(path)
			.json("{\"code\":\"" + code + "\",\"callback_url\":\"" + CALLBACK_URL + "\",\"code_verifier\":\"" + verifier
					+ "\"}");
		return ((access != null) ? request.bearer(access) : request).send();
	}

	private int tokenRequests() {
		return (int) gitHub.requests().stream().filter((request) -> request.contains(FakeGitHub.TOKEN_PATH)).count();
	}

	private String subjectOf(Response session) {
		return this.http.get("/api/principal").bearer(session.text("access")).send().text("sub");
	}

	private long links(long id) {
		return this.jdbc.queryForObject(
				"select count(*) from jwt_allauth_social_account where provider = 'github' and uid = ?", Long.class,
				Long.toString(id));
	}

	private String linkOwner(long id) {
		return this.jdbc.queryForObject(
				"select user_id from jwt_allauth_social_account where provider = 'github' and uid = ?", String.class,
				Long.toString(id));
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	private static long newId() {
		// GitHub's ids are positive integers, some beyond what an int holds
		return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
	}

}
