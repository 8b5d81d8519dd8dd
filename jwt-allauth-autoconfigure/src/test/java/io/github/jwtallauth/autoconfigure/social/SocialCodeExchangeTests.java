package io.github.jwtallauth.autoconfigure.social;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.FakeGitHub;
import io.github.jwtallauth.autoconfigure.test.FakeGitHub.Email;
import io.github.jwtallauth.autoconfigure.test.Pkce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Codes exchanged at GitHub's token endpoint over real HTTP with Spring Security's token
 * client: GitHub answers with an access token and no ID token, and says no with an error
 * object and status 200, which must be a refusal all the same.
 */
class SocialCodeExchangeTests {

	private static final String CALLBACK_URL = "https://app.example.com/login/github/callback";

	private final FakeGitHub gitHub = new FakeGitHub();

	@AfterEach
	void stopGitHub() {
		this.gitHub.close();
	}

	@Test
	void exchangeWhenGitHubIssuedTheCodeThenItsAccessTokenReadsTheUserAndThereIsNoIdToken() {
		ClientRegistration registration = this.gitHub.registration("/api/v3/user");
		String verifier = Pkce.verifier();
		String code = this.gitHub.authorize("octo", 583231, List.of(Email.primary("octo@example.com")), CALLBACK_URL,
				Pkce.challenge(verifier));

		SocialCodeExchange.Tokens tokens = new SocialCodeExchange().exchange(registration, code, CALLBACK_URL,
				verifier);

		assertThat(tokens.idToken()).isNull();
		assertThat(tokens.accessToken()).startsWith("gho_");
		assertThat(new SocialUserInfo().identity(registration, tokens.accessToken())).isEqualTo(new SocialIdentity(
				"github", "583231", List.of("octo@example.com"), "octo@example.com", "octo", "Octocat"));
		// Boot's GitHub defaults authenticate the client with HTTP Basic
		assertThat(this.gitHub.requests()).first()
			.isEqualTo("POST " + FakeGitHub.TOKEN_PATH + " client_secret_basic code_verifier");
	}

	@Test
	void exchangeWhenNoChallengeWasMadeThenNoVerifierIsNeeded() {
		String code = this.gitHub.authorize("octo", 1, List.of());

		SocialCodeExchange.Tokens tokens = new SocialCodeExchange().exchange(this.gitHub.registration("/api/v3/user"),
				code, CALLBACK_URL, null);

		assertThat(tokens.accessToken()).startsWith("gho_");
		assertThat(this.gitHub.requests()).containsExactly("POST " + FakeGitHub.TOKEN_PATH + " client_secret_basic");
	}

	@Test
	void exchangeWhenClientAuthenticatesByFormThenAccepted() {
		ClientRegistration registration = ClientRegistration
			.withClientRegistration(this.gitHub.registration("/api/v3/user"))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.build();
		String code = this.gitHub.authorize("octo", 1, List.of());

		assertThat(new SocialCodeExchange().exchange(registration, code, CALLBACK_URL, null).accessToken())
			.startsWith("gho_");
		assertThat(this.gitHub.requests()).containsExactly("POST " + FakeGitHub.TOKEN_PATH + " client_secret_post");
	}

	@Test
	void exchangeWhenGitHubSeesTheCodeAgainThenItRefusesToo() {
		ClientRegistration registration = this.gitHub.registration("/api/v3/user");
		String code = this.gitHub.authorize("octo", 1, List.of());
		new SocialCodeExchange().exchange(registration, code, CALLBACK_URL, null);

		// another instance, which has not seen the code: GitHub's own refusal
		assertRefused(() -> new SocialCodeExchange().exchange(registration, code, CALLBACK_URL, null));
		assertThat(this.gitHub.requests()).hasSize(2);
	}

	@Test
	void exchangeWhenGitHubRefusesThenRefused() {
		ClientRegistration registration = this.gitHub.registration("/api/v3/user");
		String verifier = Pkce.verifier();

		// a code GitHub never issued
		assertRefused(
				() -> new SocialCodeExchange().exchange(registration, "0123456789abcdef0123", CALLBACK_URL, verifier));
		// another verifier than the challenge's
		String challenged = this.gitHub.authorize("octo", 1, List.of(), CALLBACK_URL, Pkce.challenge(verifier));
		assertRefused(() -> new SocialCodeExchange().exchange(registration, challenged, CALLBACK_URL, Pkce.verifier()));
		// no verifier for a challenge
		String unverified = this.gitHub.authorize("octo", 1, List.of(), CALLBACK_URL, Pkce.challenge(verifier));
		assertRefused(() -> new SocialCodeExchange().exchange(registration, unverified, CALLBACK_URL, null));
		// another redirect URI than the code's
		String elsewhere = this.gitHub.authorize("octo", 1, List.of(), "https://app.example.com/other", null);
		assertRefused(() -> new SocialCodeExchange().exchange(registration, elsewhere, CALLBACK_URL, null));
		// a client secret that is not the app's
		ClientRegistration wrongSecret = ClientRegistration.withClientRegistration(registration)
			.clientSecret("not-the-secret")
			.build();
		String code = this.gitHub.authorize("octo", 1, List.of());
		assertRefused(() -> new SocialCodeExchange().exchange(wrongSecret, code, CALLBACK_URL, null));
		assertThat(this.gitHub.requests()).hasSize(5);
	}

	private static void assertRefused(ThrowingCallable call) {
		// the same answer for every reason, and nothing of GitHub's own
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN);
			assertThat(ex.getMessage()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN.defaultDetail());
			assertThat(ex.getCause()).isNull();
		});
	}

}
