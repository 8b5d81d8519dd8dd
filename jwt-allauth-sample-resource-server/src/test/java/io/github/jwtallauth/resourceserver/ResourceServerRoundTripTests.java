package io.github.jwtallauth.resourceserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.jwtallauth.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both sample applications, each with its own configuration file, in one JVM: the
 * jwt-allauth sample application issues the tokens (with an RS256 or ES256 key pair made
 * here), and the resource server, configured with the issuer's URL and the roles claim
 * alone, accepts them with the same authorities.
 */
class ResourceServerRoundTripTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "ES256" })
	void accessTokenOfTheIssuerWhenPresentedToTheResourceServerThenAuthoritiesFromItsRoles(String algorithm)
			throws Exception {
		int issuerPort = freePort();
		String issuer = "http://localhost:" + issuerPort;
		KeyPair keys = keyPair(algorithm);
		// The issuer is the sample's public-base-url, built from server.port: so the port
		// is chosen before start-up. Arguments override each application's own file.
		try (ConfigurableApplicationContext issuerApp = new SpringApplicationBuilder(SampleApplication.class).run(
				configLocation(SampleApplication.class), "--server.port=" + issuerPort,
				"--spring.datasource.url=jdbc:h2:mem:issuer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--jwtallauth.jwt.algorithm=" + algorithm, "--jwtallauth.jwt.private-key=base64:" + pem(keys, true),
				"--jwtallauth.jwt.public-key=base64:" + pem(keys, false),
				// with a real signing key, the sample's MFA needs a real key too
				"--jwtallauth.mfa.encryption-key=" + Base64.getEncoder().encodeToString(randomBytes(32)));
				// started after the issuer: it reads the issuer's discovery document
				ConfigurableApplicationContext resourceServer = new SpringApplicationBuilder(
						ResourceServerApplication.class)
					.web(WebApplicationType.SERVLET)
					.run(configLocation(ResourceServerApplication.class), "--server.port=0",
							"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
							"--spring.autoconfigure.exclude=" + issuerOnlyAutoConfigurations())) {
			String api = "http://localhost:" + ((WebServerApplicationContext) resourceServer).getWebServer().getPort();

			// the sample application's bootstrap administrator is staff
			HttpResponse<String> adminLogin = post(issuer + "/jwt-allauth/login",
					"{\"email\":\"admin@example.com\",\"password\":\"change-me-please\"}");
			assertThat(adminLogin.statusCode()).isEqualTo(200);
			String adminAccess = this.json.readTree(adminLogin.body()).get("access").asString();
			HttpResponse<String> adminMe = get(api + "/api/me", adminAccess);
			assertThat(adminMe.statusCode()).isEqualTo(200);
			JsonNode me = this.json.readTree(adminMe.body());
			assertThat(me.get("role").asInt()).isEqualTo(1000);
			assertThat(roleAuthorities(me)).containsExactly("ROLE_STAFF");
			assertThat(get(api + "/api/staff", adminAccess).statusCode()).isEqualTo(200);

			// a fresh sign-up is a user, not staff
			String email = "reader-" + UUID.randomUUID() + "@example.com";
			HttpResponse<String> signUp = post(issuer + "/jwt-allauth/registration", "{\"email\":\"" + email
					+ "\",\"password1\":\"a-long-passphrase\",\"password2\":\"a-long-passphrase\"}");
			assertThat(signUp.statusCode()).isEqualTo(201);
			String userAccess = this.json.readTree(signUp.body()).get("access").asString();
			HttpResponse<String> userMe = get(api + "/api/me", userAccess);
			assertThat(userMe.statusCode()).isEqualTo(200);
			assertThat(roleAuthorities(this.json.readTree(userMe.body()))).containsExactly("ROLE_USER");
			assertThat(get(api + "/api/staff", userAccess).statusCode()).isEqualTo(403);

			assertThat(get(api + "/api/me", null).statusCode()).isEqualTo(401);
			// a refresh token is HMAC-signed for the issuer alone: refused here
			String refresh = cookie(signUp, "refresh_token");
			assertThat(get(api + "/api/me", refresh).statusCode()).isEqualTo(401);
			// a token the issuer did not sign
			assertThat(get(api + "/api/me", tampered(userAccess)).statusCode()).isEqualTo(401);
		}
	}

	// Spring Security adds a FACTOR_ authority of its own: the roles are the ROLE_ ones.
	private static List<String> roleAuthorities(JsonNode me) {
		return me.get("authorities")
			.valueStream()
			.map(JsonNode::asString)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.toList();
	}

	// Both applications' files are classpath:application.yml here: name each one's own.
	private static String configLocation(Class<?> application) {
		URL location = application.getProtectionDomain().getCodeSource().getLocation();
		String base = location.toString();
		String file = base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml";
		return "--spring.config.location=" + file;
	}

	// The sample application is on this test's class path: its auto-configurations (and
	// a database) are the issuer's, not the resource server's.
	private static String issuerOnlyAutoConfigurations() {
		List<String> excluded = ImportCandidates
			.load(AutoConfiguration.class, ResourceServerRoundTripTests.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.jwtallauth."))
			.collect(Collectors.toList());
		excluded.add("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		return String.join(",", excluded);
	}

	private static String tampered(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
		assertThat(payload).contains("\"roles\":[\"USER\"]");
		payload = payload.replace("\"roles\":[\"USER\"]", "\"roles\":[\"STAFF\"]");
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
				+ parts[2];
	}

	private HttpResponse<String> get(String url, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith(name + "="))
			.map((header) -> header.substring(name.length() + 1, header.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
		if (algorithm.equals("ES256")) {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	// The PEM file, base64-encoded: what a key from an environment variable looks like.
	private static String pem(KeyPair keys, boolean privateKey) {
		byte[] der = privateKey ? keys.getPrivate().getEncoded() : keys.getPublic().getEncoded();
		String type = privateKey ? "PRIVATE KEY" : "PUBLIC KEY";
		String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
		return Base64.getEncoder().encodeToString(pem.getBytes());
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
