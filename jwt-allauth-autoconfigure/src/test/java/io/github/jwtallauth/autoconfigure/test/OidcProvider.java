package io.github.jwtallauth.autoconfigure.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An OpenID Connect provider for tests: a real mock-oauth2-server in the JVM, with a
 * discovery document, a JWK set and signed ID tokens for any issuer id (each issuer id
 * has its own signing key, whose key id is the issuer id). Register it as a JUnit
 * extension ({@code @RegisterExtension static final OidcProvider provider = new
 * OidcProvider();}) or call {@link #start()} and {@link #stop()}; any method that needs
 * the server starts it. Once stopped it cannot start again: make a new one.
 */
public final class OidcProvider implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/** The client id the properties register and tokens are issued for by default. */
	public static final String CLIENT_ID = "jwt-allauth-client";

	/** The client secret the properties register. */
	public static final String CLIENT_SECRET = "jwt-allauth-secret";

	/** The redirect URI the properties register. */
	public static final String REDIRECT_URI = "https://app.example.com/callback";

	private final Supplier<OAuth2Config> config;

	// a server cannot start again once shut down: each start gets a fresh one (new port,
	// new keys), so that subclasses of a test class sharing this extension each get one
	private MockOAuth2Server server;

	private boolean started;

	/** A provider signing with RS256, as most do. */
	public OidcProvider() {
		this(OAuth2Config::new);
	}

	private OidcProvider(Supplier<OAuth2Config> config) {
		this.config = config;
		this.server = new MockOAuth2Server(config.get());
	}

	/**
	 * A provider signing with another algorithm, which its discovery document lists as
	 * the only one it signs ID tokens with.
	 * @param algorithm a JWS algorithm name, such as {@code ES256}
	 * @return the provider, not started
	 */
	public static OidcProvider signingWith(String algorithm) {
		return new OidcProvider(() -> new OAuth2Config(false, null, null, false,
				new OAuth2TokenProvider(new KeyProvider(List.of(), algorithm))));
	}

	public synchronized void start() {
		if (!this.started) {
			this.server.start();
			this.started = true;
		}
	}

	public synchronized void stop() {
		if (this.started) {
			this.server.shutdown();
			this.server = new MockOAuth2Server(this.config.get());
			this.started = false;
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** The issuer URL of an issuer id, what {@code issuer-uri} is set to. */
	public String issuerUrl(String issuerId) {
		start();
		return this.server.issuerUrl(issuerId).toString();
	}

	/** The JWK set URL of an issuer id. */
	public String jwksUrl(String issuerId) {
		start();
		return this.server.jwksUrl(issuerId).toString();
	}

	/**
	 * The Spring Boot properties that register this provider as a user would: a client
	 * registration with {@link #CLIENT_ID}, {@link #CLIENT_SECRET}, the authorization
	 * code grant, {@link #REDIRECT_URI} and the {@code openid,email,profile} scopes, and
	 * a provider of the same name found by discovery from the issuer URL.
	 * @param registrationId the registration id, the provider's name in the properties
	 * @param issuerId the issuer id at this server
	 * @return the properties, in a stable order
	 */
	public Map<String, String> clientProperties(String registrationId, String issuerId) {
		String registration = "spring.security.oauth2.client.registration." + registrationId + ".";
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(registration + "client-id", CLIENT_ID);
		properties.put(registration + "client-secret", CLIENT_SECRET);
		properties.put(registration + "authorization-grant-type", "authorization_code");
		properties.put(registration + "redirect-uri", REDIRECT_URI);
		properties.put(registration + "scope", "openid,email,profile");
		properties.put("spring.security.oauth2.client.provider." + registrationId + ".issuer-uri", issuerUrl(issuerId));
		return properties;
	}

	/**
	 * {@link #clientProperties(String, String)} as {@code name=value} pairs, for
	 * {@code withPropertyValues} or {@code @SpringBootTest(properties)}.
	 */
	public String[] clientPropertyPairs(String registrationId, String issuerId) {
		return clientProperties(registrationId, issuerId).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Add {@link #clientProperties(String, String)} to a test's properties, from a
	 * {@code @DynamicPropertySource} method.
	 */
	public void registerClient(DynamicPropertyRegistry registry, String registrationId, String issuerId) {
		clientProperties(registrationId, issuerId).forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Start an ID token signed by an issuer id's key, for {@link #CLIENT_ID}, for a
	 * random subject, valid for an hour from now.
	 */
	public IdToken idToken(String issuerId) {
		return new IdToken(issuerId);
	}

	/**
	 * An access token an issuer id issued to {@link #CLIENT_ID}, valid for an hour. The
	 * server's user-info endpoint ({@code /{issuerId}/userinfo}) answers for it with its
	 * claims.
	 * @param issuerId the issuer id
	 * @param subject the user
	 * @param claims claims beyond the server's own, such as {@code email}
	 * @return the token
	 */
	public String accessToken(String issuerId, String subject, Map<String, Object> claims) {
		start();
		DefaultOAuth2TokenCallback callback = new DefaultOAuth2TokenCallback(issuerId, subject,
				JOSEObjectType.JWT.getType(), List.of(CLIENT_ID), Map.copyOf(claims), 3600);
		return this.server.issueToken(issuerId, CLIENT_ID, callback).serialize();
	}

	/**
	 * Have the next token request of an issuer id answer for a given user: an ID token
	 * with this subject and a verified address.
	 */
	public void nextLogin(String issuerId, String subject, String email) {
		start();
		this.server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, JOSEObjectType.JWT.getType(),
				List.of(CLIENT_ID), Map.of("email", email, "email_verified", true), 3600));
	}

	/**
	 * Obtain an authorization code from the authorization endpoint of an issuer id, as a
	 * browser would, for {@link #CLIENT_ID}, {@link #REDIRECT_URI} and the
	 * {@code openid email} scopes with a PKCE challenge.
	 * @param issuerId the issuer id
	 * @param codeChallenge the S256 code challenge
	 * @param nonce the nonce
	 * @return the code the server redirected with
	 */
	public String authorizationCode(String issuerId, String codeChallenge, String nonce) {
		start();
		String query = "response_type=code&client_id=" + encode(CLIENT_ID) + "&redirect_uri=" + encode(REDIRECT_URI)
				+ "&scope=" + encode("openid email") + "&state=" + encode(UUID.randomUUID().toString()) + "&nonce="
				+ encode(nonce) + "&code_challenge=" + encode(codeChallenge) + "&code_challenge_method=S256";
		URI uri = URI.create(this.server.authorizationEndpointUrl(issuerId) + "?" + query);
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		try {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			String location = response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("No redirect: " + response.statusCode()));
			for (String parameter : URI.create(location).getRawQuery().split("&")) {
				if (parameter.startsWith("code=")) {
					return URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
				}
			}
			throw new IllegalStateException("No code in " + location);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Take the requests the server received since the last call, as {@code METHOD path}
	 * (for example {@code GET /mock/jwks}).
	 */
	public List<String> takeRequests() {
		start();
		List<String> requests = new ArrayList<>();
		while (true) {
			RecordedRequest request;
			try {
				request = this.server.takeRequest(50, TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				// none left within the timeout
				return requests;
			}
			requests.add(request.getMethod() + " " + request.getRequestUrl().encodedPath());
		}
	}

	/**
	 * An ID token being put together. Claims given here are written after the server's
	 * own, so {@code iss}, {@code aud}, {@code iat} or {@code exp} can be replaced too
	 * ({@code azp} is always the client id).
	 */
	public final class IdToken {

		private final String issuerId;

		private String clientId = CLIENT_ID;

		private String subject = UUID.randomUUID().toString();

		private Duration lifetime = Duration.ofHours(1);

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private IdToken(String issuerId) {
			this.issuerId = issuerId;
		}

		/** The client the token is for: its {@code aud} and {@code azp}. */
		public IdToken clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public IdToken subject(String subject) {
			this.subject = subject;
			return this;
		}

		/** How long from now the token expires; negative for a token already expired. */
		public IdToken lifetime(Duration lifetime) {
			this.lifetime = lifetime;
			return this;
		}

		public IdToken claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		/** The {@code email} and {@code email_verified} claims. */
		public IdToken email(String email, boolean verified) {
			return claim("email", email).claim("email_verified", verified);
		}

		/** The {@code given_name} and {@code family_name} claims. */
		public IdToken names(String givenName, String familyName) {
			return claim("given_name", givenName).claim("family_name", familyName);
		}

		public IdToken nonce(String nonce) {
			return claim("nonce", nonce);
		}

		/** Sign the token. */
		public String sign() {
			start();
			DefaultOAuth2TokenCallback callback = new DefaultOAuth2TokenCallback(this.issuerId, this.subject,
					JOSEObjectType.JWT.getType(), List.of(this.clientId), Map.copyOf(this.claims),
					this.lifetime.toSeconds());
			return OidcProvider.this.server.issueToken(this.issuerId, this.clientId, callback).serialize();
		}

	}

}
