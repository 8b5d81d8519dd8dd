package io.github.jwtallauth.autoconfigure.token;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.test.TestJwts;
import io.github.jwtallauth.autoconfigure.test.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JjwtTokenServiceTests {

	static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	static final TokenSubject SUBJECT = new TokenSubject("42", 1000, true, Map.of("plan", "gold"));

	static final SessionTokenClaims SESSION = new SessionTokenClaims("sid-1", NOW.minusSeconds(60), Instant.MAX);

	@ParameterizedTest
	@EnumSource(JwtAlgorithm.class)
	void accessTokenWhenRoundTripThenPrincipalCarriesClaims(JwtAlgorithm algorithm) {
		JjwtTokenService service = service(jwt(algorithm, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String token = service.createAccessToken(SUBJECT, SESSION);
		assertThat(header(token)).contains("\"alg\":\"" + algorithm.name() + "\"");
		AccessTokenClaims principal = service.verifyAccessToken(token);
		assertThat(principal.subject()).isEqualTo("42");
		assertThat(principal.sessionId()).isEqualTo("sid-1");
		assertThat(principal.sessionIssuedAt()).isEqualTo(NOW.minusSeconds(60));
		assertThat(principal.role()).isEqualTo(1000);
		assertThat(principal.emailVerified()).isTrue();
		assertThat(principal.attributes().get("plan")).isEqualTo("gold");
		assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
		assertThat(payload(token)).contains("\"iss\":\"jwt-allauth\"", "\"token_type\":\"access\"", "\"jti\":");
	}

	@Test
	void accessTokenWhenRoleNamedThenRolesClaimListsThatOneNameAndElseNone() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String staff = service.createAccessToken(SUBJECT, SESSION);
		assertThat(payload(staff)).contains("\"role\":1000", "\"roles\":[\"STAFF\"]");
		String superuser = service.createAccessToken(new TokenSubject("42", 900, true, Map.of()), SESSION);
		assertThat(payload(superuser)).contains("\"roles\":[\"SUPERUSER\"]");
		String unnamed = service.createAccessToken(new TokenSubject("42", 500, true, Map.of()), SESSION);
		assertThat(payload(unnamed)).contains("\"roles\":[]");
		// jwt-allauth's own claim, never one of the token's attributes
		assertThat(service.verifyAccessToken(staff).attributes()).doesNotContainKey("roles");
	}

	@Test
	void accessTokenWhenCustomizerClaimTakesTheRolesClaimNameThenTheRoleNamesWin() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		TokenSubject subject = new TokenSubject("42", 0, true, Map.of("roles", List.of("STAFF")));
		assertThat(payload(service.createAccessToken(subject, SESSION))).contains("\"roles\":[\"USER\"]")
			.doesNotContain("STAFF");
	}

	@Test
	void accessTokenWhenAsymmetricThenHeaderNamesThumbprintKeyId() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.RS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String token = service.createAccessToken(SUBJECT, SESSION);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) service.jwkSet().get("keys");
		assertThat(keys).hasSize(1);
		assertThat(keys.get(0)).containsKeys("kty", "n", "e", "kid").doesNotContainKeys("d", "p", "q");
		assertThat(header(token)).contains("\"kid\":\"" + keys.get(0).get("kid") + "\"");
	}

	@Test
	void jwkSetWhenHs256ThenEmpty() {
		assertThat(service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC()).jwkSet()).isEmpty();
	}

	@Test
	void verifyWhenSignatureTamperedThenRejected() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		String token = service.createAccessToken(SUBJECT, new SessionTokenClaims("s", Instant.now(), Instant.MAX));
		String[] parts = token.split("\\.");
		String forgedPayload = base64(payload(token).replace("\"role\":1000", "\"role\":9999"));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> service.verifyAccessToken(parts[0] + "." + forgedPayload + "." + parts[2]));
		char last = parts[2].charAt(0);
		String flipped = ((last == 'A') ? 'B' : 'A') + parts[2].substring(1);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> service.verifyAccessToken(parts[0] + "." + parts[1] + "." + flipped));
	}

	@Test
	void verifyWhenAlgNoneThenRejected() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		String token = service.createAccessToken(SUBJECT, new SessionTokenClaims("s", Instant.now(), Instant.MAX));
		String unsigned = base64("{\"alg\":\"none\"}") + "." + token.split("\\.")[1] + ".";
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(unsigned));
	}

	@Test
	void verifyWhenHmacSignedWithRsaPublicKeyThenRejected() {
		KeyPair pair = TestKeys.rsa();
		JwtAllAuthProperties.Jwt jwt = jwt(JwtAlgorithm.RS256, pair);
		JjwtTokenService service = service(jwt, Clock.systemUTC());
		String legit = service.createAccessToken(SUBJECT, new SessionTokenClaims("s", Instant.now(), Instant.MAX));
		// The classic confusion attack: HS256 keyed with the bytes of the public key the
		// server publishes.
		byte[] publicBytes = TestKeys.publicPem(pair).getBytes(StandardCharsets.US_ASCII);
		String forged = Jwts.builder()
			.claims(Jwts.parser().unsecured().build().parseUnsecuredClaims(unsignedCopy(legit)).getPayload())
			.signWith(new SecretKeySpec(publicBytes, "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(forged));
	}

	@Test
	void verifyWhenExpiredBeyondSkewThenRejected() {
		JjwtTokenService issuer = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String token = issuer.createAccessToken(SUBJECT, SESSION);
		Instant justBeforeSkewEnds = NOW.plus(Duration.ofMinutes(30)).plusSeconds(29);
		assertThat(service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(justBeforeSkewEnds, ZoneOffset.UTC))
			.verifyAccessToken(token)
			.subject()).isEqualTo("42");
		Instant afterSkew = NOW.plus(Duration.ofMinutes(30)).plusSeconds(31);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(afterSkew, ZoneOffset.UTC))
				.verifyAccessToken(token));
	}

	@Test
	void verifyWhenWrongTypeThenRejected() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		Instant now = Instant.now();
		SessionTokenClaims session = new SessionTokenClaims("s", now, Instant.MAX);
		String refresh = service.createRefreshToken(SUBJECT, session, "jti-1", now, now.plusSeconds(600));
		String access = service.createAccessToken(SUBJECT, session);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(refresh));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyRefreshToken(access));
		assertThat(service.verifyRefreshToken(refresh).tokenId()).isEqualTo("jti-1");
	}

	@Test
	void verifyWhenAccessTokenRetypedAsRefreshWithAccessKeyThenRejected() {
		// A refresh token is signed with a key derived from, but different to, the access
		// key.
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		Instant now = Instant.now();
		String forged = Jwts.builder()
			.issuer("jwt-allauth")
			.subject("42")
			.id("x")
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plusSeconds(600)))
			.claim("token_type", "refresh")
			.claim("sid", "s")
			.claim("session_iat", now.getEpochSecond())
			.signWith(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyRefreshToken(forged));
	}

	@Test
	void verifyWhenOversizedThenRejectedBeforeParsing() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		String huge = "a".repeat(JjwtTokenService.MAX_TOKEN_LENGTH + 1);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(huge))
			.withMessageContaining("longer than");
	}

	@Test
	void verifyWhenGarbageThenRejected() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.systemUTC());
		for (String garbage : List.of("", "abc", "a.b.c", "....", "eyJ.eyJ.sig")) {
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(garbage));
		}
	}

	@Test
	void verifyWhenOtherIssuerOrAudienceThenRejected() {
		JwtAllAuthProperties.Jwt base = jwt(JwtAlgorithm.HS256, null);
		JjwtTokenService other = service(withIssuerAndAudience(base, "someone-else", null), Clock.systemUTC());
		String token = other.createAccessToken(SUBJECT, new SessionTokenClaims("s", Instant.now(), Instant.MAX));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> service(base, Clock.systemUTC()).verifyAccessToken(token));
		JjwtTokenService withAudience = service(withIssuerAndAudience(base, "jwt-allauth", "api"), Clock.systemUTC());
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> withAudience.verifyAccessToken(service(base, Clock.systemUTC()).createAccessToken(SUBJECT,
					new SessionTokenClaims("s", Instant.now(), Instant.MAX))));
		assertThat(withAudience.verifyAccessToken(
				withAudience.createAccessToken(SUBJECT, new SessionTokenClaims("s", Instant.now(), Instant.MAX))))
			.isNotNull();
	}

	@Test
	void verifyWhenSignedByPreviousKeyThenAcceptedAndUnknownKeyRejected() {
		KeyPair old = TestKeys.rsa();
		KeyPair current = TestKeys.rsa();
		JjwtTokenService oldService = service(jwt(JwtAlgorithm.RS256, old), Clock.systemUTC());
		String oldToken = oldService.createAccessToken(SUBJECT,
				new SessionTokenClaims("s", Instant.now(), Instant.MAX));
		JwtAllAuthProperties.Jwt rotated = withPrevious(jwt(JwtAlgorithm.RS256, current),
				List.of(pem(TestKeys.publicPem(old))));
		JjwtTokenService rotatedService = service(rotated, Clock.systemUTC());
		assertThat(rotatedService.verifyAccessToken(oldToken).subject()).isEqualTo("42");
		assertThat(((List<?>) rotatedService.jwkSet().get("keys"))).hasSize(2);
		JjwtTokenService withoutPrevious = service(jwt(JwtAlgorithm.RS256, current), Clock.systemUTC());
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> withoutPrevious.verifyAccessToken(oldToken));
	}

	@Test
	void createRefreshTokenWhenSameArgumentsThenSameToken() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.RS256, null), Clock.systemUTC());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		SessionTokenClaims session = new SessionTokenClaims("s", now, Instant.MAX);
		assertThat(service.createRefreshToken(SUBJECT, session, "j", now, now.plusSeconds(60)))
			.isEqualTo(service.createRefreshToken(SUBJECT, session, "j", now, now.plusSeconds(60)));
		assertThat(header(service.createRefreshToken(SUBJECT, session, "j", now, now.plusSeconds(60))))
			.isEqualTo("{\"alg\":\"HS256\"}");
	}

	@Test
	void verifyRefreshWhenExpiredThenClaimsAreReported() {
		JjwtTokenService issuer = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String token = issuer.createRefreshToken(SUBJECT, SESSION, "j", NOW, NOW.plusSeconds(60));
		JjwtTokenService later = service(jwt(JwtAlgorithm.HS256, null),
				Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
		assertThatExceptionOfType(ExpiredRefreshTokenException.class).isThrownBy(() -> later.verifyRefreshToken(token))
			.satisfies((ex) -> assertThat(ex.getClaims().sessionId()).isEqualTo("sid-1"));
	}

	@Test
	void accessTokenWhenSessionDeadlineSoonerThenExpiryCapped() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		SessionTokenClaims capped = new SessionTokenClaims("s", NOW, NOW.plusSeconds(90));
		assertThat(service.verifyAccessToken(service.createAccessToken(SUBJECT, capped)).expiresAt())
			.isEqualTo(NOW.plusSeconds(90));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			exp         | "{}"
			exp         | {}.5
			exp         | 1e10
			exp         | true
			exp         | {+2^64}
			exp         | 9223372036854775807
			iat         | "{}"
			iat         | {}.0
			iat         | -1
			iat         | {+2^64}
			nbf         | "{}"
			nbf         | {}.5
			nbf         | false
			session_iat | "{}"
			session_iat | {}.5
			session_iat | {+2^64}
			role        | 4294968296
			role        | 1000.5
			role        | "1000"
			role        | true
			""")
	void verifyAccessTokenWhenNumericClaimNotAWholeNumberInRangeThenRejected(String claim, String value) {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String issued = service.createAccessToken(SUBJECT, SESSION);
		// the same claim as a whole number, signed the same way, is accepted
		assertThat(
				service.verifyAccessToken(TestJwts.withClaim(issued, claim, "{}", NOW.getEpochSecond(), accessKey())))
			.isNotNull();
		String token = TestJwts.withClaim(issued, claim, value, NOW.getEpochSecond(), accessKey());
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyAccessToken(token));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			exp         | "{}"
			exp         | {}.5
			exp         | {+2^64}
			iat         | "{}"
			iat         | {+2^64}
			nbf         | {}.5
			session_iat | {}.5
			session_iat | {+2^64}
			""")
	void verifyRefreshAndCapabilityTokensWhenNumericClaimNotAWholeNumberInRangeThenRejected(String claim,
			String value) {
		JwtAllAuthProperties.Jwt jwt = jwt(JwtAlgorithm.HS256, null);
		JjwtTokenService service = service(jwt, Clock.fixed(NOW, ZoneOffset.UTC));
		SecretKey refreshKey = SigningKeysFactory.create(jwt).refreshKey();
		String issued = service.createRefreshToken(SUBJECT, SESSION, "j", NOW, NOW.plusSeconds(600));
		assertThat(
				service.verifyRefreshToken(TestJwts.withClaim(issued, claim, "{}", NOW.getEpochSecond(), refreshKey)))
			.isNotNull();
		String refresh = TestJwts.withClaim(issued, claim, value, NOW.getEpochSecond(), refreshKey);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> service.verifyRefreshToken(refresh));
		String capability = TestJwts.withClaim(service.createCapabilityToken(TokenService.PASSWORD_RESET_CAPABILITY,
				"42", "j", "csrf-hash", NOW.plusSeconds(600)), claim, value, NOW.getEpochSecond(), refreshKey);
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> service.verifyCapabilityToken(TokenService.PASSWORD_RESET_CAPABILITY, capability));
	}

	@Test
	void verifyWhenNumericClaimsAreWholeNumbersAtTheirLimitsThenAccepted() {
		JjwtTokenService service = service(jwt(JwtAlgorithm.HS256, null), Clock.fixed(NOW, ZoneOffset.UTC));
		String token = service.createAccessToken(SUBJECT, SESSION);
		for (String role : List.of("2147483647", "-2147483648", "0")) {
			String signed = TestJwts.withClaim(token, "role", role, 0, accessKey());
			assertThat(service.verifyAccessToken(signed).role()).isEqualTo(Integer.parseInt(role));
		}
		String farFuture = TestJwts.withClaim(token, "exp", Long.toString(Long.MAX_VALUE / 1000), 0, accessKey());
		assertThat(service.verifyAccessToken(farFuture).expiresAt().getEpochSecond()).isEqualTo(Long.MAX_VALUE / 1000);
		String epoch = TestJwts.withClaim(TestJwts.withClaim(token, "iat", "0", 0, accessKey()), "nbf", "0", 0,
				accessKey());
		assertThat(service.verifyAccessToken(epoch).subject()).isEqualTo("42");
	}

	static SecretKey accessKey() {
		return new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	static JjwtTokenService service(JwtAllAuthProperties.Jwt jwt, Clock clock) {
		return new JjwtTokenService(SigningKeysFactory.create(jwt), jwt, Set.of("plan"),
				JwtAllAuthProperties.DEFAULT_ROLES, clock);
	}

	static JwtAllAuthProperties.Jwt jwt(JwtAlgorithm algorithm, KeyPair pair) {
		if (algorithm == JwtAlgorithm.HS256) {
			return new JwtAllAuthProperties.Jwt(algorithm, SECRET, null, null, null, null, "jwt-allauth", null,
					Duration.ofMinutes(30), Duration.ofDays(14), null, Duration.ofSeconds(30), false,
					"/.well-known/jwks.json", null, false, "roles", true, null);
		}
		KeyPair keys = (pair != null) ? pair : switch (algorithm) {
			case RS256 -> TestKeys.rsa();
			case ES256 -> TestKeys.ec();
			default -> TestKeys.ed25519();
		};
		return new JwtAllAuthProperties.Jwt(algorithm, null, pem(TestKeys.privatePem(keys)),
				pem(TestKeys.publicPem(keys)), null, null, "jwt-allauth", null, Duration.ofMinutes(30),
				Duration.ofDays(14), null, Duration.ofSeconds(30), false, "/.well-known/jwks.json", null, false,
				"roles", true, null);
	}

	static JwtAllAuthProperties.Jwt withIssuerAndAudience(JwtAllAuthProperties.Jwt jwt, String issuer,
			String audience) {
		return new JwtAllAuthProperties.Jwt(jwt.algorithm(), jwt.secret(), jwt.privateKey(), jwt.publicKey(),
				jwt.previousPublicKeys(), jwt.keyId(), issuer, audience, jwt.accessTokenLifetime(),
				jwt.refreshTokenLifetime(), jwt.sessionLifetime(), jwt.clockSkew(), false, jwt.jwksPath(), null, false,
				"roles", true, null);
	}

	static JwtAllAuthProperties.Jwt withPrevious(JwtAllAuthProperties.Jwt jwt, List<Resource> previous) {
		return new JwtAllAuthProperties.Jwt(jwt.algorithm(), jwt.secret(), jwt.privateKey(), jwt.publicKey(), previous,
				jwt.keyId(), jwt.issuer(), jwt.audience(), jwt.accessTokenLifetime(), jwt.refreshTokenLifetime(),
				jwt.sessionLifetime(), jwt.clockSkew(), false, jwt.jwksPath(), null, false, "roles", true, null);
	}

	static Resource pem(String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.US_ASCII), "test key");
	}

	static String header(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
	}

	static String payload(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static String unsignedCopy(String token) {
		return base64("{\"alg\":\"none\"}") + "." + token.split("\\.")[1] + ".";
	}

}
