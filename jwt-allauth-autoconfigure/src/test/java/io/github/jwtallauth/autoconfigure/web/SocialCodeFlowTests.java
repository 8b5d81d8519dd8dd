package io.github.jwtallauth.autoconfigure.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.Pkce;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /social/{provider}/code}: the server exchanges a real authorization code,
 * obtained from the provider's authorization endpoint with a PKCE challenge, at the
 * provider's token endpoint. Only the registered redirect URI is an allowed callback.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.social.callback-urls=" + OidcProvider.REDIRECT_URI })
class SocialCodeFlowTests extends SocialHttpTests {

	private static final String ISSUER = "code";

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	@DynamicPropertySource
	static void registerProvider(DynamicPropertyRegistry registry) {
		provider.registerClient(registry, "oidc", ISSUER);
	}

	@Test
	void codeWhenExchangedWithItsVerifierThenAccountCreatedAndSignedIn() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		String verifier = Pkce.verifier();
		String nonce = UUID.randomUUID().toString();
		String code = provider.authorizationCode(ISSUER, Pkce.challenge(verifier), nonce);
		provider.nextLogin(ISSUER, subject, email);
		Response response = post("oidc", code, OidcProvider.REDIRECT_URI, verifier, OidcProvider.CLIENT_ID, nonce);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.text("access")).isNotBlank();
		assertThat(response.cookieValue("refresh_token")).isNotEmpty();
		assertThat(this.accounts.findByEmail(email)).hasValueSatisfying((user) -> {
			assertThat(user.isEmailVerified()).isTrue();
			assertThat(user.getPassword()).isNull();
		});
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void codeWhenPresentedTwiceThenTheReplayIsRefused() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		String verifier = Pkce.verifier();
		String code = provider.authorizationCode(ISSUER, Pkce.challenge(verifier), "n");
		provider.nextLogin(ISSUER, subject, email);
		Response first = post("oidc", code, OidcProvider.REDIRECT_URI, verifier, null, null);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		// nothing queued at the provider: a replay must be refused before it is asked
		Response replayed = post("oidc", code, OidcProvider.REDIRECT_URI, verifier, null, null);
		assertRefused(replayed, "invalid_social_token", 401);
		assertThat(replayed.cookieValue("refresh_token")).isEmpty();
	}

	@Test
	void codeWhenVerifierDoesNotMatchThenRefusedAndNothingCreated() {
		String email = newAddress();
		String code = provider.authorizationCode(ISSUER, Pkce.challenge(Pkce.verifier()), "n");
		// nothing queued at the provider, which refuses the exchange: a queued login
		// would be left for the next test
		Response refused = post("oidc", code, OidcProvider.REDIRECT_URI, Pkce.verifier(), null, null);
		assertRefused(refused, "invalid_social_token", 401);
		assertThat(this.accounts.findByEmail(email)).isEmpty();
	}

	@Test
	void codeWhenRequestIsWrongThenClearProblems() {
		assertRefused(post("unknown", "c", OidcProvider.REDIRECT_URI, "v", null, null), "provider_not_configured", 404);
		assertRefused(post("oidc", "c", OidcProvider.REDIRECT_URI, "v", "another-client", null), "client_id_mismatch",
				401);
		assertRefused(post("oidc", "c", "https://evil.example.com/callback", "v", null, null),
				"callback_url_not_allowed", 400);
		Response missing = this.http.post("/jwt-allauth/social/oidc/code/").json("{\"code_verifier\":\"v\"}").send();
		assertRefused(missing, "invalid", 400);
		assertThat(missing.toString()).contains("code").contains("callback_url");
		// a code the provider never issued
		assertRefused(post("oidc", "forged", OidcProvider.REDIRECT_URI, "v", null, null), "invalid_social_token", 401);
	}

	@Test
	void connectCodeWhenSignedInThenTheProviderAccountIsLinkedToTheCaller() {
		String email = newAddress();
		UserAccount user = owner(email);
		String access = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.send()
			.text("access");
		String subject = "sub-" + UUID.randomUUID();
		String verifier = Pkce.verifier();
		String code = provider.authorizationCode(ISSUER, Pkce.challenge(verifier), "n");
		provider.nextLogin(ISSUER, subject, newAddress());
		String body = "{\"code\":\"" + code + "\",\"callback_url\":\"" + OidcProvider.REDIRECT_URI
				+ "\",\"code_verifier\":\"" + verifier + "\"}";
		assertRefused(this.http.post("/jwt-allauth/social/oidc/connect/code").json(body).send(), "not_authenticated",
				401);
		Response connected = this.http.post("/jwt-allauth/social/oidc/connect/code/").bearer(access).json(body).send();
		assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
		assertThat(connected.text("uid")).isEqualTo(subject);
		assertThat(connected.cookieValue("refresh_token")).isEmpty();
		assertThat(this.jdbc.queryForObject("select user_id from jwt_allauth_social_account where uid = ?",
				String.class, subject))
			.isEqualTo(user.getId());
		// the code was spent by the connection
		assertRefused(this.http.post("/jwt-allauth/social/oidc/code").json(body).send(), "invalid_social_token", 401);
	}

	private Response post(String registration, String code, String callbackUrl, String verifier, String clientId,
			String nonce) {
		StringBuilder json = new StringBuilder("{\"code\":\"" + code + "\",\"callback_url\":\"" + callbackUrl
				+ "\",\"code_verifier\":\"" + verifier + "\"");
		if (clientId != null) {
			json.append(",\"client_id\":\"").append(clientId).append('"');
		}
		if (nonce != null) {
			json.append(",\"nonce\":\"").append(nonce).append('"');
		}
		return this.http.post("/jwt-allauth/social/" + registration + "/code").json(json.append('}').toString()).send();
	}

}
