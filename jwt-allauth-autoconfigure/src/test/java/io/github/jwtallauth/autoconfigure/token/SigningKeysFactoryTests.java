package io.github.jwtallauth.autoconfigure.token;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import io.github.jwtallauth.autoconfigure.InvalidSecretPropertyException;
import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.test.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SigningKeysFactoryTests {

	@Test
	void createWhenHs256SecretTooShortThenFailsNamingPropertyWithoutEchoingSecret() {
		assertThatExceptionOfType(InvalidSecretPropertyException.class)
			.isThrownBy(() -> SigningKeysFactory
				.create(jwt(JwtAlgorithm.HS256, "short-secret-31-bytes-long-xxxx", null, null, false)))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.secret");
				assertThat(ex.getMessage()).contains("256 bits").doesNotContain("short-secret");
			});
	}

	@Test
	void createWhenHs256WithoutSecretThenFailsUnlessDevelopmentKeyAllowed() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SigningKeysFactory.create(jwt(JwtAlgorithm.HS256, null, null, null, false)))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.secret"));
		SigningKeys generated = SigningKeysFactory.create(jwt(JwtAlgorithm.HS256, null, null, null, true));
		assertThat(generated.signingKey().getEncoded()).hasSize(32);
	}

	@Test
	void createWhenAsymmetricWithoutKeyThenFailsNamingPrivateKey() {
		for (JwtAlgorithm algorithm : new JwtAlgorithm[] { JwtAlgorithm.RS256, JwtAlgorithm.ES256,
				JwtAlgorithm.EdDSA }) {
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> SigningKeysFactory.create(jwt(algorithm, null, null, null, false)))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.private-key"));
			assertThat(SigningKeysFactory.create(jwt(algorithm, null, null, null, true)).publicJwks()).hasSize(1);
		}
	}

	@Test
	void createWhenKeyFileMissingThenFailsNamingProperty() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SigningKeysFactory
				.create(jwt(JwtAlgorithm.RS256, null, new FileSystemResource("/nonexistent/private.pem"), null, false)))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.private-key");
				assertThat(ex.getMessage()).contains("cannot be read");
			});
	}

	@Test
	void createWhenFileIsNotAKeyThenFails() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SigningKeysFactory.create(jwt(JwtAlgorithm.RS256, null, text("hello"), null, false)))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.private-key"));
	}

	@Test
	void createWhenKeyTypeDoesNotMatchAlgorithmThenFails() {
		KeyPair ec = TestKeys.ec();
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SigningKeysFactory.create(
					jwt(JwtAlgorithm.RS256, null, text(TestKeys.privatePem(ec)), text(TestKeys.publicPem(ec)), false)))
			.withMessageContaining("the key is EC but jwtallauth.jwt.algorithm is RS256");
	}

	@Test
	void createWhenPublicKeyDoesNotMatchPrivateKeyThenFails() {
		KeyPair one = TestKeys.rsa();
		KeyPair two = TestKeys.rsa();
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SigningKeysFactory.create(jwt(JwtAlgorithm.RS256, null, text(TestKeys.privatePem(one)),
					text(TestKeys.publicPem(two)), false)))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.jwt.public-key"));
	}

	@Test
	void createWhenRsaPublicKeyOmittedThenDerived() {
		KeyPair pair = TestKeys.rsa();
		SigningKeys keys = SigningKeysFactory
			.create(jwt(JwtAlgorithm.RS256, null, text(TestKeys.privatePem(pair)), null, false));
		assertThat(keys.verificationKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
	}

	@Test
	void createWhenAlgorithmUnsetThenInferredFromPrivateKey() {
		KeyPair rsa = TestKeys.rsa();
		KeyPair ec = TestKeys.ec();
		KeyPair ed = TestKeys.ed25519();
		assertThat(SigningKeysFactory.create(jwt(null, null, text(TestKeys.privatePem(rsa)), null, false)).algorithm())
			.isEqualTo(JwtAlgorithm.RS256);
		assertThat(SigningKeysFactory
			.create(jwt(null, null, text(TestKeys.privatePem(ec)), text(TestKeys.publicPem(ec)), false))
			.algorithm()).isEqualTo(JwtAlgorithm.ES256);
		assertThat(SigningKeysFactory
			.create(jwt(null, null, text(TestKeys.privatePem(ed)), text(TestKeys.publicPem(ed)), false))
			.algorithm()).isEqualTo(JwtAlgorithm.EdDSA);
		assertThat(SigningKeysFactory.create(jwt(null, JjwtTokenServiceTests.SECRET, null, null, false)).algorithm())
			.isEqualTo(JwtAlgorithm.HS256);
	}

	@Test
	void createWhenSameKeyThenSameRefreshKeyAndDistinctFromSigningKey() {
		SigningKeys first = SigningKeysFactory
			.create(jwt(JwtAlgorithm.HS256, JjwtTokenServiceTests.SECRET, null, null, false));
		SigningKeys second = SigningKeysFactory
			.create(jwt(JwtAlgorithm.HS256, JjwtTokenServiceTests.SECRET, null, null, false));
		assertThat(first.refreshKey().getEncoded()).isEqualTo(second.refreshKey().getEncoded())
			.isNotEqualTo(first.signingKey().getEncoded());
	}

	static JwtAllAuthProperties.Jwt jwt(JwtAlgorithm algorithm, String secret, Resource privateKey, Resource publicKey,
			boolean generate) {
		return new JwtAllAuthProperties.Jwt(algorithm, secret, privateKey, publicKey, null, null, "jwt-allauth", null,
				Duration.ofMinutes(30), Duration.ofDays(14), null, Duration.ofSeconds(30), false,
				"/.well-known/jwks.json", null, generate, "roles", true, null);
	}

	static Resource text(String value) {
		return new ByteArrayResource(value.getBytes(StandardCharsets.US_ASCII), "test key");
	}

}
