package io.github.jwtallauth.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.social.SocialLoginEvent;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;
import io.github.jwtallauth.testapp.TestApplication.RecordedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social login over real HTTP against a real OpenID Connect provider in the JVM: the
 * provider is registered with Boot's standard client properties, issues real signed ID
 * tokens, and jwt-allauth verifies them against its published keys. Every refused
 * credential leaves the accounts and the links as they were.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				// this provider's tokens are trusted at its user-info endpoint: the
				// access-token flow is tested here
				"jwtallauth.social.access-token-providers=mock" })
class SocialLoginTests extends SocialHttpTests {

	private static final String ISSUER = "mock";

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	@Autowired
	RecordedEvents events;

	@DynamicPropertySource
	static void registerProvider(DynamicPropertyRegistry registry) {
		provider.registerClient(registry, "mock", ISSUER);
	}

	@Test
	void providersWhenListedThenIdNameAndClientIdButNeverTheSecret() {
		Response providers = this.http.get("/jwt-allauth/social/providers").send();
		assertThat(providers.status()).isEqualTo(200);
		assertThat(providers.json()).hasSize(1);
		assertThat(providers.json().get(0).get("id").asString()).isEqualTo("mock");
		assertThat(providers.json().get(0).get("client_id").asString()).isEqualTo(OidcProvider.CLIENT_ID);
		assertThat(providers.json().get(0).has("name")).isTrue();
		assertThat(providers.body()).doesNotContain(OidcProvider.CLIENT_SECRET);
	}

	@Test
	void tokenWhenNewProviderAccountThenAccountCreatedVerifiedWithoutPasswordAndLinked() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		Response first = signIn(provider.idToken(ISSUER).subject(subject).email(email, true).names("Ada", "Lovelace"));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.text("access")).isNotBlank();
		assertThat(first.cookieValue("refresh_token")).isPresent();
		UserAccount created = this.accounts.findByEmail(email).orElseThrow();
		assertThat(this.events.all()).filteredOn(SocialLoginEvent.class::isInstance)
			.map(SocialLoginEvent.class::cast)
			.anySatisfy((event) -> {
				assertThat(event.getUserId()).isEqualTo(created.getId());
				assertThat(event.getProvider()).isEqualTo("mock");
			});
		assertThat(this.events.all()).filteredOn(AccountRegisteredEvent.class::isInstance)
			.map(AccountRegisteredEvent.class::cast)
			.anySatisfy((event) -> assertThat(event.getUserId()).isEqualTo(created.getId()));
		assertThat(created.isEmailVerified()).isTrue();
		assertThat(created.getPassword()).isNull();
		assertThat(created.getFirstName()).isEqualTo("Ada");
		assertThat(links(subject)).isEqualTo(1);
		// the same provider account again: the link signs the same user in, nothing new
		Response again = signIn(provider.idToken(ISSUER).subject(subject).email(email, true));
		assertThat(again.status()).isEqualTo(200);
		assertThat(subjectOf(again)).isEqualTo(created.getId());
		assertThat(accountsWith(email)).isEqualTo(1);
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void tokenWhenAddressOwnedByAVerifiedAccountThenThatAccountSignsInAndIsLinked() {
		String email = newAddress();
		UserAccount owner = owner(email);
		String subject = "sub-" + UUID.randomUUID();
		Response signedIn = signIn(provider.idToken(ISSUER).subject(subject).email(email.toUpperCase(), true));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(subjectOf(signedIn)).isEqualTo(owner.getId());
		assertThat(links(subject)).isEqualTo(1);
		// the password still works: linking changed nothing else
		assertThat(this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.send()
			.status()).isEqualTo(200);
	}

	@Test
	void tokenWhenAddressHeldByAUsedButUnprovenAccountThenRefusedAndNothingWritten() {
		String email = newAddress();
		UserAccount holder = this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, false));
		this.accounts.recordLogin(holder.getId(), Instant.now());
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn(provider.idToken(ISSUER).subject(subject).email(email, true));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("code")).isEqualTo("local_account_unverified");
		assertThat(links(subject)).isZero();
		assertThat(this.accounts.findByEmail(email).orElseThrow().getId()).isEqualTo(holder.getId());
	}

	@Test
	void tokenWhenAddressHeldByAnAccountNobodyUsedThenItIsSuperseded() {
		String email = newAddress();
		// registered by someone who never proved the address nor logged in: perhaps an
		// attacker preparing to take over the owner's future social login
		UserAccount squatter = this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode("squatters-password"), "", "", 0, true, false));
		String subject = "sub-" + UUID.randomUUID();
		Response signedIn = signIn(provider.idToken(ISSUER).subject(subject).email(email, true));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		UserAccount owner = this.accounts.findByEmail(email).orElseThrow();
		assertThat(owner.getId()).isNotEqualTo(squatter.getId());
		assertThat(owner.getPassword()).isNull();
		assertThat(this.accounts.findById(squatter.getId())).isEmpty();
		assertThat(this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, "squatters-password"))
			.send()
			.status()).isEqualTo(401);
	}

	@Test
	void tokenWhenProviderHasNotVerifiedTheAddressThenRefusedAndNothingCreated() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn(provider.idToken(ISSUER).subject(subject).email(email, false));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("code")).isEqualTo("provider_email_unverified");
		assertThat(accountsWith(email)).isZero();
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenLinkedAccountIsInactiveThenRefusedLikeALogin() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		assertThat(signIn(provider.idToken(ISSUER).subject(subject).email(email, true)).status()).isEqualTo(200);
		this.jdbc.update("update jwt_allauth_user set active = false where email = ?", email);
		Response refused = signIn(provider.idToken(ISSUER).subject(subject).email(email, true));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.text("code")).isEqualTo("account_inactive");
		assertThat(refused.cookieValue("refresh_token")).isEmpty();
	}

	@Test
	void tokenWhenForgedOrMisdirectedThenRefusedAndNothingWritten() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		// signed by another issuer's key (and naming that issuer)
		assertRefused(signIn(provider.idToken("elsewhere").subject(subject).email(email, true)), "invalid_social_token",
				401);
		// issued to another client of the same provider
		assertRefused(signIn(provider.idToken(ISSUER).subject(subject).email(email, true).clientId("another-app")),
				"invalid_social_token", 401);
		// expired
		assertRefused(
				signIn(provider.idToken(ISSUER).subject(subject).email(email, true).lifetime(Duration.ofMinutes(-10))),
				"invalid_social_token", 401);
		// unsigned, alg none, with claims that would otherwise pass
		assertRefused(signInWith(unsigned(subject, email)), "invalid_social_token", 401);
		// a signed token whose payload was altered afterwards
		String genuine = provider.idToken(ISSUER).subject(subject).email("someone@example.com", true).sign();
		assertRefused(signInWith(swapPayload(genuine, unsigned(subject, email))), "invalid_social_token", 401);
		assertRefused(signInWith("not-a-jwt"), "invalid_social_token", 401);
		// a client id that is not the registration's
		String token = provider.idToken(ISSUER).subject(subject).email(email, true).sign();
		assertRefused(this.http.post("/jwt-allauth/social/mock/token")
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"another-app\"}")
			.send(), "client_id_mismatch", 401);
		// the nonce of another sign-in
		assertRefused(this.http.post("/jwt-allauth/social/mock/token")
			.json("{\"id_token\":\"" + provider.idToken(ISSUER).subject(subject).email(email, true).nonce("n-1").sign()
					+ "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\",\"nonce\":\"n-2\"}")
			.send(), "invalid_social_token", 401);
		assertThat(accountsWith(email)).isZero();
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenProviderUnknownOrCredentialMissingThenClearProblems() {
		String token = provider.idToken(ISSUER).email(newAddress(), true).sign();
		assertRefused(this.http.post("/jwt-allauth/social/nowhere/token")
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send(), "provider_not_configured", 404);
		Response neither = this.http.post("/jwt-allauth/social/mock/token")
			.json("{\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
		assertRefused(neither, "invalid", 400);
		assertThat(neither.json().get("errors").get("non_field_errors").get(0).asString())
			.isEqualTo(SocialController.CREDENTIAL_REQUIRED);
		// an access token the provider does not answer for
		assertRefused(this.http.post("/jwt-allauth/social/mock/token/")
			.json("{\"access_token\":\"opaque\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send(), "invalid_social_token", 401);
	}

	@Test
	void tokenWhenOnlyAnAccessTokenThenTheProvidersUserInfoSaysWhoAndSignsIn() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		String accessToken = provider.accessToken(ISSUER, subject, Map.of("email", email, "email_verified", true));
		Response signedIn = signInWithAccessToken(accessToken, OidcProvider.CLIENT_ID);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(signedIn.cookieValue("refresh_token")).isPresent();
		UserAccount created = this.accounts.findByEmail(email).orElseThrow();
		assertThat(created.isEmailVerified()).isTrue();
		assertThat(subjectOf(signedIn)).isEqualTo(created.getId());
		assertThat(links(subject)).isEqualTo(1);
		// the client must still name the registration's client id
		assertRefused(signInWithAccessToken(accessToken, "another-app"), "client_id_mismatch", 401);
		// an unverified address at the provider creates nothing
		String unverified = newAddress();
		String otherSubject = "sub-" + UUID.randomUUID();
		assertRefused(
				signInWithAccessToken(provider.accessToken(ISSUER, otherSubject,
						Map.of("email", unverified, "email_verified", false)), OidcProvider.CLIENT_ID),
				"provider_email_unverified", 400);
		assertThat(accountsWith(unverified)).isZero();
		assertThat(links(otherSubject)).isZero();
		// a token of another issuer at the same server is not answered for
		assertRefused(
				signInWithAccessToken(provider.accessToken("elsewhere", otherSubject,
						Map.of("email", unverified, "email_verified", true)), OidcProvider.CLIENT_ID),
				"invalid_social_token", 401);
		assertThat(links(otherSubject)).isZero();
	}

	private Response signInWithAccessToken(String accessToken, String clientId) {
		return this.http.post("/jwt-allauth/social/mock/token")
			.json("{\"access_token\":\"" + accessToken + "\",\"client_id\":\"" + clientId + "\"}")
			.send();
	}

	@Test
	void accountsWhenListedThenTheCallersLinksOnlyWithFiveFields() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		String access = signIn(provider.idToken(ISSUER).subject(subject).email(email, true)).text("access");
		signIn(provider.idToken(ISSUER).email(newAddress(), true));
		Response links = this.http.get("/jwt-allauth/social/accounts").bearer(access).send();
		assertThat(links.status()).isEqualTo(200);
		assertThat(links.json()).singleElement().satisfies((link) -> {
			assertThat(link.propertyNames()).containsExactly("id", "provider", "uid", "last_login", "date_joined");
			assertThat(link.get("provider").asString()).isEqualTo("mock");
			assertThat(link.get("uid").asString()).isEqualTo(subject);
		});
		assertThat(this.http.get("/jwt-allauth/social/accounts").send().status()).isEqualTo(401);
	}

	@Test
	void disconnectWhenLastWayIntoAnAccountWithoutPasswordThenRefusedAndKept() {
		String subject = "sub-" + UUID.randomUUID();
		String access = signIn(provider.idToken(ISSUER).subject(subject).email(newAddress(), true)).text("access");
		long id = this.http.get("/jwt-allauth/social/accounts").bearer(access).send().json().get(0).get("id").asLong();
		assertRefused(this.http.delete("/jwt-allauth/social/accounts/" + id).bearer(access).send(),
				"disconnect_not_allowed", 400);
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void disconnectWhenTheCallersLinkThenRemovedAndAnotherUsersLinkIsNotFound() {
		String email = newAddress();
		owner(email);
		String subject = "sub-" + UUID.randomUUID();
		String access = signIn(provider.idToken(ISSUER).subject(subject).email(email, true)).text("access");
		String otherSubject = "sub-" + UUID.randomUUID();
		String other = signIn(provider.idToken(ISSUER).subject(otherSubject).email(newAddress(), true)).text("access");
		long othersLink = this.http.get("/jwt-allauth/social/accounts")
			.bearer(other)
			.send()
			.json()
			.get(0)
			.get("id")
			.asLong();
		assertRefused(this.http.delete("/jwt-allauth/social/accounts/" + othersLink).bearer(access).send(), "not_found",
				404);
		assertRefused(this.http.delete("/jwt-allauth/social/accounts/not-a-number").bearer(access).send(), "not_found",
				404);
		assertThat(links(otherSubject)).isEqualTo(1);
		long own = this.http.get("/jwt-allauth/social/accounts").bearer(access).send().json().get(0).get("id").asLong();
		// the account has a password: its last link may go
		assertThat(this.http.delete("/jwt-allauth/social/accounts/" + own + "/").bearer(access).send().status())
			.isEqualTo(204);
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenOwnerIsInactiveThenRefusedAndNotLinked() {
		String email = newAddress();
		owner(email);
		this.jdbc.update("update jwt_allauth_user set active = false where email = ?", email);
		String subject = "sub-" + UUID.randomUUID();
		assertRefused(signIn(provider.idToken(ISSUER).subject(subject).email(email, true)), "account_inactive", 401);
		assertThat(links(subject)).isZero();
	}

	@Test
	void connectTokenWhenSignedInThenLinkedOnceAndSignsThatUserIn() {
		String email = newAddress();
		UserAccount user = owner(email);
		String access = passwordLogin(email);
		String subject = "sub-" + UUID.randomUUID();
		// the provider's address is another one: connecting does not go by address
		String token = provider.idToken(ISSUER).subject(subject).email(newAddress(), true).sign();
		Response connected = connect(access, token);
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		assertThat(connected.json().propertyNames()).containsExactly("id", "provider", "uid", "last_login",
				"date_joined");
		assertThat(connected.text("provider")).isEqualTo("mock");
		assertThat(connected.text("uid")).isEqualTo(subject);
		assertThat(connected.cookieValue("refresh_token")).isEmpty();
		// again, with a fresh token for the same provider account: the same link
		Response again = connect(access, provider.idToken(ISSUER).subject(subject).sign());
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("id").asLong()).isEqualTo(connected.json().get("id").asLong());
		assertThat(links(subject)).isEqualTo(1);
		assertThat(this.accounts.findById(user.getId()).orElseThrow().getEmail()).isEqualTo(email);
		// the provider account now signs the user in
		Response signedIn = signIn(provider.idToken(ISSUER).subject(subject));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		assertThat(subjectOf(signedIn)).isEqualTo(user.getId());
	}

	@Test
	void connectTokenWhenProviderAccountIsAnotherUsersThenConflictAndNotRepointed() {
		String subject = "sub-" + UUID.randomUUID();
		String owner = subjectOf(signIn(provider.idToken(ISSUER).subject(subject).email(newAddress(), true)));
		String email = newAddress();
		owner(email);
		String access = passwordLogin(email);
		assertRefused(connect(access, provider.idToken(ISSUER).subject(subject).sign()), "social_account_in_use", 409);
		assertThat(this.jdbc.queryForObject("select user_id from jwt_allauth_social_account where uid = ?",
				String.class, subject))
			.isEqualTo(owner);
	}

	@Test
	void connectTokenWhenNotSignedInOrForgedThenRefusedAndNothingWritten() {
		String subject = "sub-" + UUID.randomUUID();
		String token = provider.idToken(ISSUER).subject(subject).sign();
		Response anonymous = this.http.post("/jwt-allauth/social/mock/connect/token")
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
		assertRefused(anonymous, "not_authenticated", 401);
		String email = newAddress();
		owner(email);
		String access = passwordLogin(email);
		assertRefused(connect(access, provider.idToken("elsewhere").subject(subject).sign()), "invalid_social_token",
				401);
		assertRefused(connect(access, provider.idToken(ISSUER).subject(subject).clientId("another-app").sign()),
				"invalid_social_token", 401);
		assertRefused(this.http.post("/jwt-allauth/social/nowhere/connect/token/")
			.bearer(access)
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send(), "provider_not_configured", 404);
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenTheSameNewProviderAccountSignsInFourTimesAtOnceThenOneAccountOneLinkAndFourSessions()
			throws Exception {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			tokens.add(provider.idToken(ISSUER).subject(subject).email(email, true).sign());
		}
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> answers = new ArrayList<>();
			for (String token : tokens) {
				answers.add(clients.submit(() -> {
					start.await();
					return new HttpTestClient(this.port).post("/jwt-allauth/social/mock/token")
						.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
						.send();
				}));
			}
			start.countDown();
			Set<String> users = new HashSet<>();
			for (Future<Response> answer : answers) {
				Response response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.toString()).isEqualTo(200);
				users.add(subjectOf(response));
			}
			assertThat(users).hasSize(1);
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(accountsWith(email)).isEqualTo(1);
		assertThat(links(subject)).isEqualTo(1);
	}

	private Response connect(String access, String idToken) {
		return this.http.post("/jwt-allauth/social/mock/connect/token")
			.bearer(access)
			.json("{\"id_token\":\"" + idToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
	}

	private Response signIn(OidcProvider.IdToken token) {
		return signInWith(token.sign());
	}

	private Response signInWith(String idToken) {
		return this.http.post("/jwt-allauth/social/mock/token")
			.json("{\"id_token\":\"" + idToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
	}

	private String unsigned(String subject, String email) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String payload = base64.encodeToString(("{\"iss\":\"" + provider.issuerUrl(ISSUER) + "\",\"sub\":\"" + subject
				+ "\",\"aud\":\"" + OidcProvider.CLIENT_ID + "\",\"iat\":" + now + ",\"exp\":" + (now + 600)
				+ ",\"email\":\"" + email + "\",\"email_verified\":true}")
			.getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

	private static String swapPayload(String signed, String unsigned) {
		String[] genuine = signed.split("\\.");
		String[] forged = unsigned.split("\\.");
		return genuine[0] + "." + forged[1] + "." + genuine[2];
	}

	private String subjectOf(Response session) {
		return this.http.get("/api/principal").bearer(session.text("access")).send().text("sub");
	}

}
