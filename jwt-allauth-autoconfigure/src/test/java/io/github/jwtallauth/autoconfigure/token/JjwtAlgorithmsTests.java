package io.github.jwtallauth.autoconfigure.token;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.PublicJwk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;

class JjwtAlgorithmsTests {

	@ParameterizedTest
	@EnumSource(JwtAlgorithm.class)
	void signatureAlgorithmWhenAnyAlgorithmThenJjwtConstantOfThatName(JwtAlgorithm algorithm) {
		Object expected = switch (algorithm) {
			case HS256 -> Jwts.SIG.HS256;
			case RS256 -> Jwts.SIG.RS256;
			case ES256 -> Jwts.SIG.ES256;
			case EdDSA -> Jwts.SIG.EdDSA;
		};
		assertThat(JjwtAlgorithms.signatureAlgorithm(algorithm)).isSameAs(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", value = { "RS256, RSA, none", "ES256, EC, P-256", "EdDSA, OKP, Ed25519" })
	void publicJwkWhenGeneratedKeyThenCarriesAlgKeyTypeAndCurve(JwtAlgorithm algorithm, String keyType, String curve) {
		PublicJwk<?> jwk = JjwtAlgorithms.publicJwk(algorithm.generateKeyPair().getPublic(), null, algorithm);
		assertThat(jwk.getAlgorithm()).isEqualTo(algorithm.name());
		assertThat(jwk.getType()).isEqualTo(keyType);
		assertThat(jwk.get("crv")).isEqualTo(curve);
		assertThat(jwk.getPublicKeyUse()).isEqualTo("sig");
		assertThat(jwk.getId()).isEqualTo(jwk.thumbprint().toString());
	}

	@Test
	void publicJwkWhenKeyIdGivenThenKidIsThatId() {
		PublicKey key = JwtAlgorithm.ES256.generateKeyPair().getPublic();
		assertThat(JjwtAlgorithms.publicJwk(key, "key-1", JwtAlgorithm.ES256).getId()).isEqualTo("key-1");
	}

	@Test
	void publicJwkWhenNoKeyIdThenKidIsSha256ThumbprintOfTheKey() throws Exception {
		// an RSA key whose SHA-256 JWK thumbprint is known
		String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRX"
				+ "jBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqz"
				+ "s8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G"
				+ "_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
		PublicKey key = KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(n)),
					BigInteger.valueOf(65537)));
		assertThat(JjwtAlgorithms.publicJwk(key, null, JwtAlgorithm.RS256).getId())
			.isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
	}

}
