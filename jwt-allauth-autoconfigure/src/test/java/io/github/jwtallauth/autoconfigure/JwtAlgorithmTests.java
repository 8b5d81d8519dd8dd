package io.github.jwtallauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtAlgorithmTests {

	private static final byte[] DATA = "jwt-allauth".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@EnumSource(names = { "RS256", "ES256", "EdDSA" })
	void generateKeyPairWhenAsymmetricThenKeysSignAndVerifyWithTheJcaAlgorithm(JwtAlgorithm algorithm)
			throws Exception {
		KeyPair pair = algorithm.generateKeyPair();
		Signature signer = Signature.getInstance(algorithm.jcaAlgorithm());
		signer.initSign(pair.getPrivate());
		signer.update(DATA);
		Signature verifier = Signature.getInstance(algorithm.jcaAlgorithm());
		verifier.initVerify(pair.getPublic());
		verifier.update(DATA);
		assertThat(verifier.verify(signer.sign())).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "RS256", "ES256", "EdDSA" })
	void generateKeyPairWhenAsymmetricThenKeysAreOfTheAlgorithmsType(JwtAlgorithm algorithm) {
		KeyPair pair = algorithm.generateKeyPair();
		assertThat(algorithm.isAsymmetric()).isTrue();
		assertThat(algorithm.isKeyTypeOf(pair.getPrivate())).isTrue();
		assertThat(algorithm.isKeyTypeOf(pair.getPublic())).isTrue();
		assertThat(JwtAlgorithm.forKey(pair.getPrivate())).contains(algorithm);
	}

	@ParameterizedTest
	@EnumSource(names = { "RS256", "ES256", "EdDSA" })
	void keyAlgorithmWhenKeyFactoryReadsEncodedPublicKeyThenSameKey(JwtAlgorithm algorithm) throws Exception {
		KeyPair pair = algorithm.generateKeyPair();
		Key read = KeyFactory.getInstance(algorithm.keyAlgorithm())
			.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
		assertThat(read).isEqualTo(pair.getPublic());
	}

	@Test
	void generateKeyPairWhenRs256ThenModulusHasMinimumSize() {
		RSAPublicKey key = (RSAPublicKey) JwtAlgorithm.RS256.generateKeyPair().getPublic();
		assertThat(key.getModulus().bitLength()).isEqualTo(JwtAlgorithm.RS256.minimumKeySize()).isEqualTo(2048);
		assertThat(JwtAlgorithm.RS256.curve()).isNull();
	}

	@Test
	void generateKeyPairWhenEs256ThenKeyOnP256() throws Exception {
		ECPublicKey key = (ECPublicKey) JwtAlgorithm.ES256.generateKeyPair().getPublic();
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
		assertThat(JwtAlgorithm.ES256.curve()).isEqualTo("secp256r1");
		assertThat(key.getParams().getCurve()).isEqualTo(p256.getCurve());
		assertThat(key.getParams().getOrder()).isEqualTo(p256.getOrder());
		assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(JwtAlgorithm.ES256.minimumKeySize());
	}

	@Test
	void generateKeyPairWhenEdDsaThenEd25519Key() {
		EdECPublicKey key = (EdECPublicKey) JwtAlgorithm.EdDSA.generateKeyPair().getPublic();
		assertThat(key.getParams().getName()).isEqualTo("Ed25519").isEqualTo(JwtAlgorithm.EdDSA.curve());
	}

	@Test
	void generateKeyPairWhenHs256ThenFails() {
		assertThat(JwtAlgorithm.HS256.isAsymmetric()).isFalse();
		assertThatIllegalStateException().isThrownBy(JwtAlgorithm.HS256::generateKeyPair)
			.withMessage("HS256 has no key pair");
	}

	@Test
	void hs256WhenSecretOfMinimumSizeThenMacSigns() throws Exception {
		SecretKeySpec key = new SecretKeySpec(new byte[JwtAlgorithm.HS256.minimumKeySize() / Byte.SIZE],
				JwtAlgorithm.HS256.keyAlgorithm());
		Mac mac = Mac.getInstance(JwtAlgorithm.HS256.jcaAlgorithm());
		mac.init(key);
		assertThat(mac.doFinal(DATA)).hasSize(32);
		assertThat(JwtAlgorithm.forKey(key)).contains(JwtAlgorithm.HS256);
		assertThat(JwtAlgorithm.HS256.curve()).isNull();
	}

	@Test
	void isKeyTypeOfWhenKeyOfAnotherTypeThenFalse() {
		KeyPair rsa = JwtAlgorithm.RS256.generateKeyPair();
		assertThat(JwtAlgorithm.ES256.isKeyTypeOf(rsa.getPublic())).isFalse();
		assertThat(JwtAlgorithm.EdDSA.isKeyTypeOf(rsa.getPublic())).isFalse();
		assertThat(JwtAlgorithm.HS256.isKeyTypeOf(rsa.getPublic())).isFalse();
	}

	@Test
	void isKeyTypeOfWhenEdwardsKeyNamedAfterItsCurveThenTrue() {
		// some providers name Ed25519 keys after the curve rather than "EdDSA"
		assertThat(JwtAlgorithm.EdDSA.isKeyTypeOf(key("Ed25519"))).isTrue();
		assertThat(JwtAlgorithm.EdDSA.isKeyTypeOf(key("EdDSA"))).isTrue();
	}

	@Test
	void forKeyWhenNoAlgorithmUsesTheKeyTypeThenEmpty() throws Exception {
		KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
		assertThat(JwtAlgorithm.forKey(x25519.getPrivate())).isEmpty();
	}

	private static Key key(String algorithm) {
		return new Key() {

			@Override
			public String getAlgorithm() {
				return algorithm;
			}

			@Override
			public String getFormat() {
				return "RAW";
			}

			@Override
			public byte[] getEncoded() {
				return new byte[0];
			}

		};
	}

}
