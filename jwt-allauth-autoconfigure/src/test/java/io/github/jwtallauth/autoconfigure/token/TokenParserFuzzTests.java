package io.github.jwtallauth.autoconfigure.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.crypto.Mac;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.test.FuzzJson;

/**
 * Fuzzes the token parser: whatever a client sends as an access, refresh or capability
 * token, verification answers claims or an {@link InvalidTokenException} (an
 * {@link ExpiredRefreshTokenException} for a genuine but expired refresh token), never
 * another exception. Arbitrary strings, and tokens that look like JWTs (base64url header
 * and payload built from fuzzed JSON) for each algorithm, signed with a fuzzed signature
 * or with the server's own key, so that the claims of a genuine token are fuzzed too.
 */
class TokenParserFuzzTests {

	private static final Clock CLOCK = Clock.fixed(JjwtTokenServiceTests.NOW, ZoneOffset.UTC);

	private static final long NOW = JjwtTokenServiceTests.NOW.getEpochSecond();

	private static final Map<JwtAlgorithm, Fixture> FIXTURES = new EnumMap<>(JwtAlgorithm.class);

	private static final List<String> HEADER_NAMES = List.of("alg", "kid", "typ", "cty", "crit", "zip", "enc", "b64",
			"jku", "jwk", "x5u", "x5c", "x5t", "epk", "p2c", "p2s");

	private static final List<String> ALGORITHMS = List.of("HS256", "HS384", "HS512", "RS256", "ES256", "EdDSA",
			"PS256", "ES512", "none", "None", "dir", "A128KW", "RSA-OAEP", "");

	private static final List<String> CLAIM_NAMES = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid",
			"session_iat", "role", "roles", "email_verified", "token_type", "csrf", "plan");

	private static final String[] TOKEN_TYPES = { "access", "refresh", TokenService.PASSWORD_RESET_CAPABILITY,
			TokenService.PASSWORD_SET_CAPABILITY };

	static {
		for (JwtAlgorithm algorithm : JwtAlgorithm.values()) {
			JwtAllAuthProperties.Jwt jwt = JjwtTokenServiceTests.jwt(algorithm, null);
			SigningKeys keys = SigningKeysFactory.create(jwt);
			FIXTURES.put(algorithm, new Fixture(keys,
					new JjwtTokenService(keys, jwt, Set.of("plan"), JwtAllAuthProperties.DEFAULT_ROLES, CLOCK)));
		}
	}

	@FuzzTest
	void arbitraryStrings(FuzzedDataProvider data) {
		JwtAlgorithm algorithm = data.pickValue(JwtAlgorithm.values());
		String capabilityType = data.consumeBoolean() ? data.pickValue(TOKEN_TYPES) : data.consumeString(16);
		String token = data.consumeRemainingAsString();
		verifyEveryWay(FIXTURES.get(algorithm).service(), token, capabilityType);
	}

	@FuzzTest
	void structuredTokens(FuzzedDataProvider data) {
		JwtAlgorithm algorithm = data.pickValue(JwtAlgorithm.values());
		Fixture fixture = FIXTURES.get(algorithm);
		String tokenType = data.pickValue(TOKEN_TYPES);
		boolean access = tokenType.equals("access");
		String signingInput = FuzzJson.base64Url(header(data, fixture, access)) + "."
				+ FuzzJson.base64Url(payload(data, tokenType));
		String signature = switch (data.consumeInt(0, 3)) {
			case 0, 1 -> FuzzJson.base64Url(sign(fixture.keys(), access ? algorithm : JwtAlgorithm.HS256,
					signingInput.getBytes(StandardCharsets.US_ASCII)));
			case 2 -> FuzzJson.base64Url(data.consumeBytes(600));
			default -> data.consumeString(100);
		};
		verifyEveryWay(fixture.service(), signingInput + "." + signature, tokenType);
	}

	private static String header(FuzzedDataProvider data, Fixture fixture, boolean access) {
		FuzzJson json = new FuzzJson(data, HEADER_NAMES);
		if (data.consumeInt(0, 4) == 0) {
			return json.object(2);
		}
		Map<String, String> fields = new LinkedHashMap<>();
		String ownAlgorithm = access ? fixture.keys().algorithm().name() : "HS256";
		fields.put("alg", FuzzJson.string(data.consumeBoolean() ? ownAlgorithm : data.pickValue(ALGORITHMS)));
		if (access && fixture.keys().keyId() != null && data.consumeBoolean()) {
			fields.put("kid", FuzzJson.string(fixture.keys().keyId()));
		}
		mutate(data, json, fields, HEADER_NAMES);
		return toJson(fields);
	}

	private static String payload(FuzzedDataProvider data, String tokenType) {
		FuzzJson json = new FuzzJson(data, CLAIM_NAMES);
		switch (data.consumeInt(0, 5)) {
			case 0:
				return json.object(3);
			case 1:
				return data.consumeString(200);
			default:
				Map<String, String> fields = new LinkedHashMap<>();
				fields.put("iss", "\"jwt-allauth\"");
				fields.put("sub", "\"42\"");
				fields.put("sid", "\"sid-1\"");
				fields.put("session_iat", Long.toString(NOW - 60));
				fields.put("role", "1000");
				fields.put("email_verified", "true");
				fields.put("jti", "\"token-id\"");
				fields.put("iat", Long.toString(NOW - 10));
				fields.put("exp", Long.toString(data.consumeBoolean() ? NOW + 600 : NOW - 600));
				fields.put("token_type", FuzzJson.string(tokenType));
				fields.put("csrf", "\"csrf-hash\"");
				fields.put("plan", "\"gold\"");
				fields.put("roles", "[\"STAFF\"]");
				mutate(data, json, fields, CLAIM_NAMES);
				return toJson(fields);
		}
	}

	/** Remove, replace or add a few fields of a plausible object. */
	private static void mutate(FuzzedDataProvider data, FuzzJson json, Map<String, String> fields, List<String> names) {
		int changes = data.consumeInt(0, 4);
		for (int i = 0; i < changes; i++) {
			String name = data.consumeBoolean() ? data.pickValue(names) : data.consumeString(10);
			if (data.consumeInt(0, 3) == 0) {
				fields.remove(name);
			}
			else {
				fields.put(name, json.value(2));
			}
		}
	}

	private static String toJson(Map<String, String> fields) {
		List<String> members = new ArrayList<>();
		fields.forEach((name, value) -> members.add(FuzzJson.string(name) + ":" + value));
		return "{" + String.join(",", members) + "}";
	}

	private static byte[] sign(SigningKeys keys, JwtAlgorithm algorithm, byte[] input) {
		try {
			if (algorithm == JwtAlgorithm.HS256) {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init((keys.algorithm() == JwtAlgorithm.HS256) ? keys.signingKey() : keys.refreshKey());
				return mac.doFinal(input);
			}
			Signature signature = Signature.getInstance(switch (algorithm) {
				case RS256 -> "SHA256withRSA";
				case ES256 -> "SHA256withECDSAinP1363Format";
				default -> "Ed25519";
			});
			signature.initSign((PrivateKey) keys.signingKey());
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every verification a token may meet; each refuses it or accepts it, nothing else.
	 */
	private static void verifyEveryWay(TokenService service, String token, String capabilityType) {
		expectOnlyInvalidToken(service::verifyAccessToken, token);
		expectOnlyInvalidToken(service::verifyRefreshToken, token);
		expectOnlyInvalidToken((text) -> service.verifyCapabilityToken(capabilityType, text), token);
		expectOnlyInvalidToken((text) -> service.verifyCapabilityToken(TokenService.PASSWORD_RESET_CAPABILITY, text),
				token);
		expectOnlyInvalidToken((text) -> service.verifyCapabilityToken(TokenService.PASSWORD_SET_CAPABILITY, text),
				token);
	}

	private static void expectOnlyInvalidToken(Function<String, Object> verification, String token) {
		try {
			Object claims = verification.apply(token);
			if (claims == null) {
				throw new AssertionError("Verification answered null for " + token);
			}
		}
		catch (InvalidTokenException ex) {
			// the documented refusal
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Undocumented " + ex.getClass().getName() + " for " + token, ex);
		}
	}

	private record Fixture(SigningKeys keys, JjwtTokenService service) {
	}

}
