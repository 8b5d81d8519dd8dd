package io.github.jwtallauth.autoconfigure.social;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.FuzzJson;
import io.github.jwtallauth.autoconfigure.test.TestKeys;

/**
 * Fuzzes the JWK set a social provider serves, and the ID token checked against it,
 * through {@link SocialTokenVerifier}: a provider's keys document is as untrusted as what
 * the client sends. The document comes from a small HTTP server in the JVM, as raw fuzzed
 * bytes, as fuzzed JSON, or as the provider's real keys with fuzzed members; the ID token
 * is a fuzzed string or one signed with the real key over fuzzed header and claims.
 * Whatever the mix, verification answers an identity or a 4xx {@link JwtAllAuthException}
 * ({@code invalid_social_token}), nothing else.
 */
class SocialJwksFuzzTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static final String CLIENT_ID = "fuzz-client";

	private static final String ISSUER = "https://provider.example";

	private static final KeyPair RSA = TestKeys.rsa();

	private static final KeyPair EC = TestKeys.ec();

	private static final Map<String, Object> RSA_JWK = new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).keyID("rsa-1")
		.build()
		.toJSONObject();

	private static final Map<String, Object> EC_JWK = new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.getPublic())
		.keyID("ec-1")
		.build()
		.toJSONObject();

	private static final List<String> JWK_NAMES = List.of("keys", "kty", "kid", "use", "alg", "key_ops", "n", "e",
			"crv", "x", "y", "d", "x5c", "x5t", "x5u", "k");

	private static final List<String> CLAIM_NAMES = List.of("iss", "sub", "aud", "azp", "exp", "iat", "nbf", "nonce",
			"auth_time", "email", "email_verified", "given_name", "family_name", "at_hash");

	private static final List<String> HEADER_NAMES = List.of("alg", "kid", "typ", "crit", "jwk", "jku", "b64");

	private static HttpServer server;

	private static volatile int status = 200;

	private static volatile byte[] document = new byte[0];

	@BeforeAll
	static void startProvider() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/jwks", (exchange) -> {
			byte[] body = document;
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	@AfterAll
	static void stopProvider() {
		server.stop(0);
	}

	@FuzzTest
	void jwkSetAndIdToken(FuzzedDataProvider data) {
		status = (data.consumeInt(0, 7) == 0) ? data.pickValue(new int[] { 204, 302, 400, 404, 500, 503 }) : 200;
		document = jwkSet(data);
		String nonce = switch (data.consumeInt(0, 2)) {
			case 0 -> null;
			case 1 -> "nonce-1";
			default -> data.consumeString(20);
		};
		String idToken = idToken(data);
		// a new verifier each time: a verifier keeps the keys it fetched
		SocialTokenVerifier verifier = new SocialTokenVerifier(Clock.fixed(NOW, ZoneOffset.UTC));
		try (SilentCloseable allowed = BugDetectors
			.allowNetworkConnections((host, port) -> port == server.getAddress().getPort())) {
			SocialIdentity identity = verifier.verifyIdToken(registration(), idToken, nonce);
			if (identity == null || identity.uid() == null || identity.uid().isBlank()) {
				throw new AssertionError("Accepted without a subject: " + idToken);
			}
		}
		catch (JwtAllAuthException ex) {
			if (ex.getStatus() < 400 || ex.getStatus() >= 500) {
				throw new AssertionError("Status " + ex.getStatus() + " for " + idToken, ex);
			}
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Undocumented " + ex.getClass().getName() + " for " + idToken, ex);
		}
	}

	private static byte[] jwkSet(FuzzedDataProvider data) {
		FuzzJson json = new FuzzJson(data, JWK_NAMES);
		return switch (data.consumeInt(0, 5)) {
			case 0 -> data.consumeBytes(400);
			case 1 -> json.object(3).getBytes(StandardCharsets.UTF_8);
			default -> {
				List<String> keys = new ArrayList<>();
				int count = data.consumeInt(0, 3);
				for (int i = 0; i < count; i++) {
					keys.add(switch (data.consumeInt(0, 3)) {
						case 0 -> mutated(data, json, RSA_JWK, JWK_NAMES);
						case 1 -> mutated(data, json, EC_JWK, JWK_NAMES);
						case 2 -> json.object(2);
						default -> json.value(2);
					});
				}
				yield ("{\"keys\":[" + String.join(",", keys) + "]}").getBytes(StandardCharsets.UTF_8);
			}
		};
	}

	private static String idToken(FuzzedDataProvider data) {
		if (data.consumeInt(0, 5) == 0) {
			return data.consumeString(300);
		}
		boolean rsa = data.consumeBoolean();
		FuzzJson json = new FuzzJson(data, HEADER_NAMES);
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", rsa ? "RS256" : "ES256");
		header.put("kid", rsa ? "rsa-1" : "ec-1");
		String headerJson = mutated(data, json, header, HEADER_NAMES);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ISSUER);
		claims.put("sub", "user-1");
		claims.put("aud", CLIENT_ID);
		claims.put("iat", NOW.getEpochSecond() - 10);
		claims.put("exp", NOW.getEpochSecond() + (data.consumeBoolean() ? 600 : -600));
		claims.put("nonce", "nonce-1");
		claims.put("email", "User@Example.COM");
		claims.put("email_verified", true);
		claims.put("given_name", "Ada");
		String claimsJson = mutated(data, new FuzzJson(data, CLAIM_NAMES), claims, CLAIM_NAMES);
		String signingInput = FuzzJson.base64Url(headerJson) + "." + FuzzJson.base64Url(claimsJson);
		String signature = data.consumeBoolean() ? sign(rsa, signingInput) : FuzzJson.base64Url(data.consumeBytes(300));
		return signingInput + "." + signature;
	}

	/** An object with a few members removed, replaced by fuzzed values or added. */
	private static String mutated(FuzzedDataProvider data, FuzzJson json, Map<String, Object> object,
			List<String> names) {
		Map<String, String> members = new LinkedHashMap<>();
		object.forEach((name, value) -> members.put(name,
				JSONObjectUtils.toJSONString(Map.of("v", value)).replaceFirst("^\\{\"v\":(.*)}$", "$1")));
		int changes = data.consumeInt(0, 4);
		for (int i = 0; i < changes; i++) {
			String name = data.consumeBoolean() ? data.pickValue(names) : data.consumeString(10);
			if (data.consumeInt(0, 3) == 0) {
				members.remove(name);
			}
			else {
				members.put(name, json.value(2));
			}
		}
		List<String> text = new ArrayList<>();
		members.forEach((name, value) -> text.add(FuzzJson.string(name) + ":" + value));
		return "{" + String.join(",", text) + "}";
	}

	private static String sign(boolean rsa, String signingInput) {
		try {
			Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
			signature.initSign(rsa ? RSA.getPrivate() : EC.getPrivate());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return FuzzJson.base64Url(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("fuzz")
			.clientId(CLIENT_ID)
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://localhost/callback")
			.scope("openid", "email")
			.authorizationUri(ISSUER + "/authorize")
			.tokenUri(ISSUER + "/token")
			.issuerUri(ISSUER)
			.jwkSetUri("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks")
			.userNameAttributeName("sub")
			.build();
	}

}
