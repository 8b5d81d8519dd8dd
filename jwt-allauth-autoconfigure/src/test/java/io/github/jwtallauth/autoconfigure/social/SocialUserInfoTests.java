package io.github.jwtallauth.autoconfigure.social;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
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
		assertThat(this.gitHub.requests).containsExactly("GET /api/v3/user Bearer " + FakeGitHub.TOKEN,
				"GET /api/v3/user/emails Bearer " + FakeGitHub.TOKEN);
	}

	@Test
	void identityWhenGitHubComPathThenAddressesReadToo() {
		SocialIdentity identity = this.userInfo.identity(this.gitHub.registration("/user"), FakeGitHub.TOKEN);

		assertThat(identity.verifiedEmails()).containsExactly("octocat@github.com");
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
		assertRefused(() -> this.userInfo.identity(this.gitHub.registration("/api/v3/user"), "gho_wrong"));
		assertThat(this.gitHub.requests).containsExactly("GET /api/v3/user Bearer gho_wrong");
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
		assertThat(this.gitHub.requests).containsExactly("GET /api/v3/user Bearer " + FakeGitHub.TOKEN);
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
		assertThat(this.gitHub.requests).containsExactly("POST /form access_token=" + FakeGitHub.TOKEN);
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

	/**
	 * GitHub's REST API as far as sign-in reads it ({@code /user} and
	 * {@code /user/emails}, at the root as on github.com and under {@code /api/v3} as on
	 * GitHub Enterprise Server), answering only for {@link #TOKEN}, with the JSON GitHub
	 * documents; plus {@code POST /form}, an endpoint that takes the token as a form
	 * field. Records each request as {@code METHOD path credential}.
	 */
	static final class FakeGitHub implements AutoCloseable {

		static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

		private static final String USER = """
				{
				  "login": "octocat",
				  "id": 12345,
				  "node_id": "MDQ6VXNlcjE=",
				  "avatar_url": "https://github.com/images/error/octocat_happy.gif",
				  "type": "User",
				  "site_admin": false,
				  "name": "monalisa octocat",
				  "company": "GitHub",
				  "email": "octocat@github.com",
				  "created_at": "2008-01-14T04:33:35Z"
				}""";

		private static final String EMAILS = """
				[{"email": "octocat@github.com", "verified": true, "primary": true, "visibility": "public"}]""";

		private static final String BAD_CREDENTIALS = """
				{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}""";

		final List<String> requests = new CopyOnWriteArrayList<>();

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final HttpServer server;

		private volatile int userStatus = 200;

		private volatile String user = USER;

		private volatile int emailsStatus = 200;

		private volatile String emails = EMAILS;

		private volatile boolean stall;

		FakeGitHub() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", this::handle);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		ClientRegistration registration(String userInfoPath) {
			return CommonOAuth2Provider.GITHUB.getBuilder("github")
				.clientId("Iv1.8a61f9b3a7aba766")
				.clientSecret("fake-secret")
				.authorizationUri(url("/login/oauth/authorize"))
				.tokenUri(url("/login/oauth/access_token"))
				.userInfoUri(url(userInfoPath))
				.build();
		}

		void user(int status, String body) {
			this.userStatus = status;
			this.user = body;
		}

		void emails(int status, String body) {
			this.emailsStatus = status;
			this.emails = body;
		}

		/** Answer {@code /user} with headers and the start of a body, then nothing. */
		void stall() {
			this.stall = true;
		}

		private String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/form")) {
				String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.requests.add(method + " " + path + " " + URLDecoder.decode(form, StandardCharsets.UTF_8));
				boolean ok = method.equals("POST") && form.equals("access_token=" + TOKEN);
				respond(exchange, ok ? 200 : 401, ok ? """
						{"sub": "form-user", "email": "form@example.com", "email_verified": true,
						 "given_name": "Form", "family_name": "User"}""" : BAD_CREDENTIALS);
				return;
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.requests.add(method + " " + path + " " + authorization);
			String resource = path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
			if (!("Bearer " + TOKEN).equals(authorization)) {
				respond(exchange, 401, BAD_CREDENTIALS);
			}
			else if (resource.equals("/user") && this.stall) {
				exchange.sendResponseHeaders(200, 0);
				OutputStream body = exchange.getResponseBody();
				body.write("{\"id\": ".getBytes(StandardCharsets.UTF_8));
				body.flush();
				try {
					Thread.sleep(Duration.ofSeconds(5).toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.close();
			}
			else if (resource.equals("/user") && this.userStatus == 302) {
				exchange.getResponseHeaders().add("Location", url("/elsewhere"));
				respond(exchange, 302, "");
			}
			else if (resource.equals("/user")) {
				respond(exchange, this.userStatus, this.user);
			}
			else if (resource.equals("/user/emails")) {
				respond(exchange, this.emailsStatus, this.emails);
			}
			else {
				respond(exchange, 404, "{\"message\": \"Not Found\"}");
			}
		}

		private static void respond(HttpExchange exchange, int status, String json) throws IOException {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
