package io.github.jwtallauth.autoconfigure.social;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jwtallauth.autoconfigure.test.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Sign in with Apple client secret generator that docs/social-login.md shows: the
 * nested {@link AppleClientSecret} is the documentation's code (its {@code create}
 * method, without the {@code main} that only prints the result), so a change to one must
 * be made to the other. Run here against a key pair made like Apple's: an EC P-256
 * private key in a PKCS#8 PEM file, as the {@code .p8} download is.
 */
class AppleClientSecretDocumentationTests {

	private static final String TEAM_ID = "ABCDE12345";

	private static final String KEY_ID = "XYZ987WVUT";

	private static final String SERVICES_ID = "com.example.web";

	@TempDir
	Path directory;

	@Test
	void createWhenP8KeyThenEs256JwtWithAppleHeaderAndClaims() throws Exception {
		KeyPair pair = TestKeys.ec();
		Path p8 = Files.writeString(this.directory.resolve("AuthKey_" + KEY_ID + ".p8"), TestKeys.privatePem(pair));
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		String secret = AppleClientSecret.create(p8, TEAM_ID, KEY_ID, SERVICES_ID, Duration.ofDays(180));

		Instant after = Instant.now();
		Jws<Claims> jws = Jwts.parser().verifyWith(pair.getPublic()).build().parseSignedClaims(secret);
		assertThat(jws.getHeader().getAlgorithm()).isEqualTo("ES256");
		assertThat(jws.getHeader().getKeyId()).isEqualTo(KEY_ID);
		Claims claims = jws.getPayload();
		assertThat(claims.getIssuer()).isEqualTo(TEAM_ID);
		assertThat(claims.getSubject()).isEqualTo(SERVICES_ID);
		assertThat(claims.getAudience()).containsExactly("https://appleid.apple.com");
		Instant issuedAt = claims.getIssuedAt().toInstant();
		assertThat(issuedAt).isBetween(before, after);
		assertThat(claims.getExpiration().toInstant()).isEqualTo(issuedAt.plus(Duration.ofDays(180)));
		// Apple refuses a secret that lives longer than six months (15777000 seconds)
		assertThat(Duration.between(issuedAt, claims.getExpiration().toInstant()))
			.isLessThanOrEqualTo(Duration.ofSeconds(15_777_000));
	}

	@Test
	void createWhenCreatedThenAudienceIsOneStringNotAnArray() throws Exception {
		// JJWT writes an audience as an array by default; Apple documents aud as this one
		// string, and an array has been seen refused with invalid_client
		Path p8 = Files.writeString(this.directory.resolve("key.p8"), TestKeys.privatePem(TestKeys.ec()));

		String secret = AppleClientSecret.create(p8, TEAM_ID, KEY_ID, SERVICES_ID, Duration.ofDays(1));

		String payload = new String(Base64.getUrlDecoder().decode(secret.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(payload).contains("\"aud\":\"https://appleid.apple.com\"");
	}

	@Test
	void createWhenCheckedWithAnotherKeyThenSignatureRefused() throws Exception {
		Path p8 = Files.writeString(this.directory.resolve("key.p8"), TestKeys.privatePem(TestKeys.ec()));

		String secret = AppleClientSecret.create(p8, TEAM_ID, KEY_ID, SERVICES_ID, Duration.ofDays(1));

		assertThatExceptionOfType(SignatureException.class)
			.isThrownBy(() -> Jwts.parser().verifyWith(TestKeys.ec().getPublic()).build().parseSignedClaims(secret));
	}

	/**
	 * The documentation's generator, as shown in docs/social-login.md.
	 */
	static final class AppleClientSecret {

		/**
		 * Create a Sign in with Apple client secret.
		 * @param p8 the private key file downloaded from Apple (AuthKey_KEYID.p8)
		 * @param teamId the Apple developer team id
		 * @param keyId the key's id
		 * @param clientId the Services ID (web) or bundle id (native) the secret is for
		 * @param validity how long it is valid, at most six months
		 * @return the client secret, a signed JWT
		 */
		static String create(Path p8, String teamId, String keyId, String clientId, Duration validity)
				throws IOException, GeneralSecurityException {
			String pem = Files.readString(p8);
			String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
			PrivateKey key = KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			Instant now = Instant.now();
			return Jwts.builder()
				.header()
				.keyId(keyId)
				.and()
				.issuer(teamId)
				.issuedAt(Date.from(now))
				.expiration(Date.from(now.plus(validity)))
				.claim("aud", "https://appleid.apple.com")
				.subject(clientId)
				.signWith(key, Jwts.SIG.ES256)
				.compact();
		}

	}

}
