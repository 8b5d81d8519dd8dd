package io.github.jwtallauth.autoconfigure.social;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.FakeGitHub;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Access tokens checked at a user-info endpoint over real HTTP: a real OpenID Connect
 * provider in the JVM, and a fake GitHub API answering as GitHub documents.
 */
class SocialUserInfoTests {

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	private final SocialUserInfo userInfo = new SocialUserInfo();

	private final FakeGitHub gitHub = new FakeGitHub();

	@AfterEach
	void stopGitHub() {
		this.gitHub.close();
	}

	@Test
	void identityWhenOidcEmailVerifiedThenIdentityWithLowerCasedVerifiedEmail() {
		String token = provider.accessToken("mock", "alice-123", Map.of("email", "Alice@Example.COM", "email_verified",
				true, "given_name", "Alice", "family_name", "Liddell"));

		SocialIdentity identity = this.userInfo.identity(oidcRegistration("mock"), token);

		assertThat(identity).isEqualTo(new SocialIdentity("mock", "alice-123", List.of("alice@example.com"),
				"Alice@Example.COM", "Alice", "Liddell"));
	}

	@Test
	void identityWhenOidcEmailVerifiedIsTheStringTrueThenVerified() {
		String token = provider.accessToken("mock", "bob",
				Map.of("email", "bob@example.com", "email_verified", "true"));

		assertThat(this.userInfo.identity(oidcRegistration("mock"), token).verifiedEmails())
			.containsExactly("bob@example.com");
	}

	@Test
	void identityWhenOidcEmailNotVerifiedThenNoVerifiedEmailsButEmail() {
		String token = provider.accessToken("mock", "carol",
				Map.of("email", "carol@example.com", "email_verified", false));

		SocialIdentity identity = this.userInfo.identity(oidcRegistration("mock"), token);

		assertThat(identity).isEqualTo(new SocialIdentity("mock", "carol", List.of(), "carol@example.com", "", ""));
	}

	@Test
	void identityWhenRegistrationNamesNoUserNameAttributeThenSubject() {
		ClientRegistration registration = ClientRegistration.withClientRegistration(oidcRegistration("mock"))
			.userNameAttributeName(null)
			.build();
		String token = provider.accessToken("mock", "dave", Map.of());

		assertThat(this.userInfo.identity(registration, token).uid()).isEqualTo("dave");
	}

	@Test
	void identityWhenTokenSignedByAnotherIssuerThenRefused() {
		String token = provider.accessToken("other", "mallory",
				Map.of("email", "victim@example.com", "email_verified", true));

		assertRefused(() -> this.userInfo.identity(oidcRegistration("mock"), token));
	}

	@Test
	void identityWhenGarbageTokenThenRefused() {
		ClientRegistration registration = oidcRegistration("mock");

		assertRefused(() -> this.userInfo.identity(registration, "not.a-token"));
		assertRefused(() -> this.userInfo.identity(registration, ""));
		// not even a header value: refused before anything is sent
		assertRefused(() -> this.userInfo.identity(registration, "token\r\nX-Injected: 1"));
	}

	@Test
	void identityWhenRegistrationHasNoUserInfoEndpointThenFlowNotSupported() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("plain")
			.clientId(OidcProvider.CLIENT_ID)
			.clientSecret(OidcProvider.CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(OidcProvider.REDIRECT_URI)
			.authorizationUri("https://plain.example.com/authorize")
			.tokenUri("https://plain.example.com/token")
			.build();
		String token = provider.accessToken("mock", "erin", Map.of());

		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> this.userInfo.identity(registration, token))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.FLOW_NOT_SUPPORTED));
	}

	@Test
	void identityWhenGitHubThenNumericIdIsUidAndOnlyVerifiedAddressesCountPrimaryFirst() {
		this.gitHub.emails(200, """
				[
				  {"email": "Octo.Work@Example.COM", "verified": true, "primary": false, "visibility": null},
				  {"email": "unverified@example.com", "verified": false, "primary": false, "visibility": null},
				  {"email": "Octocat@GitHub.com", "verified": true, "primary": true, "visibility": "public"}
				]""");

		SocialIdentity identity = this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN);

		assertThat(identity).isEqualTo(new SocialIdentity("github", "12345",
				List.of("octocat@github.com", "octo.work@example.com"), "Octocat@GitHub.com", "monalisa", "octocat"));
		// first GitHub's word that the token is this application's, with its credentials
		assertThat(this.gitHub.requests()).containsExactly(
				"POST /api/v3/applications/" + FakeGitHub.CLIENT_ID + "/token Basic",
				"GET /api/v3/user Bearer " + FakeGitHub.TOKEN, "GET /api/v3/user/emails Bearer " + FakeGitHub.TOKEN);
	}

	@Test
	void identityWhenTokenIsAnotherGitHubAppsThenRefusedBeforeTheUserIsRead() {
		String token = this.gitHub.accessTokenOfAnotherApp("octocat", 12345,
				List.of(FakeGitHub.Email.primary("octocat@github.com")));

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), token));
		assertThat(this.gitHub.requests())
			.containsExactly("POST /api/v3/applications/" + FakeGitHub.CLIENT_ID + "/token Basic");
	}

	@Test
	void identityOfExchangedWhenGitHubThenTheTokenIsNotCheckedAgain() {
		String token = this.gitHub.accessToken("octocat", 12345,
				List.of(FakeGitHub.Email.primary("octocat@github.com")));

		SocialIdentity identity = this.userInfo.identityOfExchanged(this.gitHub.registration("/api/v3/user"), token);

		assertThat(identity.uid()).isEqualTo("12345");
		assertThat(this.gitHub.requests()).containsExactly("GET /api/v3/user Bearer " + token,
				"GET /api/v3/user/emails Bearer " + token);
	}

	@Test
	void identityWhenPathEndsWithUserButIsNotGitHubsThenReadAsOpenIdConnectAndNoSecretSent() {
		SocialIdentity identity = this.userInfo.identity(this.gitHub.registration("/user"), FakeGitHub.TOKEN);

		// GitHub's profile has no email_verified: nothing counts as verified
		assertThat(identity.uid()).isEqualTo("12345");
		assertThat(identity.verifiedEmails()).isEmpty();
		assertThat(this.gitHub.requests()).containsExactly("GET /user Bearer " + FakeGitHub.TOKEN);
	}

	@Test
	void identityWhenAnswerIsTooLargeThenRefused() {
		this.gitHub.user(200, "{\"id\": 12345, \"bio\": \"" + "x".repeat(300 * 1024) + "\"}");

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
	}

	@Test
	void identityWhenGitHubPrimaryAddressUnverifiedThenItIsTheEmailButNotVerified() {
		this.gitHub.emails(200, """
				[
				  {"email": "octocat@github.com", "verified": false, "primary": true, "visibility": "public"},
				  {"email": "octo@example.com", "verified": true, "primary": false, "visibility": null}
				]""");

		SocialIdentity identity = this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN);

		assertThat(identity.email()).isEqualTo("octocat@github.com");
		assertThat(identity.verifiedEmails()).containsExactly("octo@example.com");
	}

	@Test
	void identityWhenGitHubAddressesNotReadableThenNoVerifiedEmailsButProfileAddress() {
		// what GitHub answers to a token without the user:email scope
		this.gitHub.emails(404, """
				{"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}""");

		SocialIdentity identity = this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN);

		assertThat(identity)
			.isEqualTo(new SocialIdentity("github", "12345", List.of(), "octocat@github.com", "monalisa", "octocat"));
	}

	@Test
	void identityWhenGitHubRefusesTheTokenThenRefusedWithoutItsMessage() {
		assertRefused(() -> this.userInfo.identityOfExchanged(this.gitHub.registration("/api/v3/user"), "gho_wrong"));
		assertThat(this.gitHub.requests()).containsExactly("GET /api/v3/user Bearer gho_wrong");
	}

	@Test
	void identityWhenGitHubFailsThenRefused() {
		this.gitHub.user(500, "{\"message\": \"Server Error\"}");

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
	}

	@Test
	void identityWhenAnswerIsNotJsonThenRefused() {
		this.gitHub.user(200, "<html>Bad credentials</html>");

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
	}

	@Test
	void identityWhenAnswerHasNoIdThenRefused() {
		this.gitHub.user(200, "{\"login\": \"octocat\", \"id\": \" \"}");

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
	}

	@Test
	void identityWhenRedirectedThenRefusedAndTokenNotSentOn() {
		this.gitHub.user(302, "");

		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
		assertThat(this.gitHub.requests()).containsExactly(
				"POST /api/v3/applications/" + FakeGitHub.CLIENT_ID + "/token Basic",
				"GET /api/v3/user Bearer " + FakeGitHub.TOKEN);
	}

	@Test
	void identityWhenProviderStallsMidAnswerThenRefusedAtTheDeadline() {
		SocialUserInfo impatient = new SocialUserInfo(
				HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofMillis(300));
		this.gitHub.stall();
		long start = System.nanoTime();

		assertRefused(() -> impatient.identity(this.gitHub.registration("/api/v3/user"), FakeGitHub.TOKEN));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void identityWhenRegistrationAuthenticatesByFormThenTokenPosted() {
		ClientRegistration registration = ClientRegistration.withClientRegistration(this.gitHub.registration("/form"))
			.userInfoAuthenticationMethod(AuthenticationMethod.FORM)
			.userNameAttributeName("sub")
			.build();

		SocialIdentity identity = this.userInfo.identity(registration, FakeGitHub.TOKEN);

		assertThat(identity).isEqualTo(new SocialIdentity("github", "form-user", List.of("form@example.com"),
				"form@example.com", "Form", "User"));
		assertThat(this.gitHub.requests()).containsExactly("POST /form access_token=" + FakeGitHub.TOKEN);
	}

	private static ClientRegistration oidcRegistration(String issuerId) {
		return ClientRegistrations.fromIssuerLocation(provider.issuerUrl(issuerId))
			.registrationId(issuerId)
			.clientId(OidcProvider.CLIENT_ID)
			.clientSecret(OidcProvider.CLIENT_SECRET)
			.redirectUri(OidcProvider.REDIRECT_URI)
			.scope("openid", "email", "profile")
			.build();
	}

	private static void assertRefused(ThrowingCallable call) {
		// the same answer for every reason, and nothing of the provider's own
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN);
			assertThat(ex.getMessage()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN.defaultDetail());
			assertThat(ex.getErrors()).isEmpty();
			assertThat(ex.getCause()).isNull();
		});
	}

}
