package io.github.jwtallauth.autoconfigure.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.security.PublicJwk;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.util.StreamUtils;

import io.github.jwtallauth.autoconfigure.InvalidSecretPropertyException;
import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Builds {@link SigningKeys} from {@code jwtallauth.jwt.*}, failing with the name of the
 * property to fix when the configuration cannot work.
 *
 * @author jwt-allauth contributors
 */
final class SigningKeysFactory {

	private static final Log logger = LogFactory.getLog(SigningKeysFactory.class);

	// Refresh and capability tokens are always HS256, whatever signs access tokens.
	private static final JwtAlgorithm REFRESH_ALGORITHM = JwtAlgorithm.HS256;

	private static final byte[] REFRESH_KEY_LABEL = "jwt-allauth refresh-token key v1"
		.getBytes(StandardCharsets.US_ASCII);

	private SigningKeysFactory() {
	}

	/**
	 * Create the key material described by the given properties.
	 * @param jwt the token properties
	 * @return the signing keys
	 * @throws InvalidConfigurationPropertyValueException if a key is missing, unreadable
	 * or too weak
	 */
	public static SigningKeys create(JwtAllAuthProperties.Jwt jwt) {
		JwtAlgorithm algorithm = (jwt.algorithm() != null) ? jwt.algorithm() : inferAlgorithm(jwt);
		return algorithm.isAsymmetric() ? asymmetric(jwt, algorithm) : hmac(jwt, algorithm);
	}

	private static JwtAlgorithm inferAlgorithm(JwtAllAuthProperties.Jwt jwt) {
		Resource resource = jwt.privateKey();
		if (resource == null) {
			return JwtAlgorithm.HS256;
		}
		PrivateKey key = readPrivateKey(resource, null);
		return JwtAlgorithm.forKey(key)
			.orElseThrow(() -> new InvalidConfigurationPropertyValueException("jwtallauth.jwt.private-key",
					resource.getDescription(),
					"a " + key.getAlgorithm() + " key cannot sign tokens; use RSA, EC P-256 or Ed25519"));
	}

	private static SigningKeys hmac(JwtAllAuthProperties.Jwt jwt, JwtAlgorithm algorithm) {
		byte[] secret;
		boolean generated = jwt.secret() == null || jwt.secret().isEmpty();
		if (generated) {
			if (!jwt.generateDevelopmentKey()) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.secret", null,
						algorithm + " needs a secret of at least " + minimumSize(algorithm)
								+ "; set jwtallauth.jwt.secret, or choose RS256, ES256 or EdDSA with "
								+ "jwtallauth.jwt.private-key and jwtallauth.jwt.public-key");
			}
			secret = new byte[algorithm.minimumKeySize() / Byte.SIZE];
			new SecureRandom().nextBytes(secret);
			logger.warn("No jwtallauth.jwt.secret is set: generated a random " + algorithm + " secret for "
					+ "development. Tokens will not survive a restart; set jwtallauth.jwt.secret in production.");
		}
		else {
			secret = jwt.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length * Byte.SIZE < algorithm.minimumKeySize()) {
				throw new InvalidSecretPropertyException("jwtallauth.jwt.secret",
						algorithm + " needs a secret of at least " + minimumSize(algorithm) + "; this one has "
								+ (secret.length * Byte.SIZE) + " bits");
			}
		}
		SecretKey key = new SecretKeySpec(secret, algorithm.keyAlgorithm());
		Map<String, Key> byId = new LinkedHashMap<>();
		if (jwt.keyId() != null) {
			byId.put(jwt.keyId(), key);
		}
		return new SigningKeys(algorithm, key, jwt.keyId(), key, byId, List.of(), refreshKey(jwt, secret), generated);
	}

	private static SigningKeys asymmetric(JwtAllAuthProperties.Jwt jwt, JwtAlgorithm algorithm) {
		PrivateKey privateKey;
		PublicKey publicKey;
		boolean generated = jwt.privateKey() == null;
		if (generated) {
			if (!jwt.generateDevelopmentKey()) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.private-key", null,
						algorithm + " needs a PEM private key; set jwtallauth.jwt.private-key and "
								+ "jwtallauth.jwt.public-key");
			}
			KeyPair pair = algorithm.generateKeyPair();
			privateKey = pair.getPrivate();
			publicKey = pair.getPublic();
			logger.warn("No jwtallauth.jwt.private-key is set: generated a " + algorithm + " key pair for "
					+ "development. Tokens will not survive a restart; configure jwtallauth.jwt.private-key and "
					+ "jwtallauth.jwt.public-key in production.");
		}
		else {
			privateKey = readPrivateKey(jwt.privateKey(), algorithm);
			publicKey = (jwt.publicKey() != null)
					? readPublicKey(jwt.publicKey(), algorithm, "jwtallauth.jwt.public-key")
					: derivePublicKey(privateKey);
			checkPair(algorithm, privateKey, publicKey);
		}
		PublicJwk<?> current = JjwtAlgorithms.publicJwk(publicKey, jwt.keyId(), algorithm);
		Map<String, Key> byId = new LinkedHashMap<>();
		List<PublicJwk<?>> jwks = new ArrayList<>();
		byId.put(current.getId(), publicKey);
		jwks.add(current);
		for (int i = 0; i < jwt.previousPublicKeys().size(); i++) {
			PublicKey previous = readPublicKey(jwt.previousPublicKeys().get(i), algorithm,
					"jwtallauth.jwt.previous-public-keys[" + i + "]");
			PublicJwk<?> previousJwk = JjwtAlgorithms.publicJwk(previous, null, algorithm);
			if (byId.putIfAbsent(previousJwk.getId(), previous) == null) {
				jwks.add(previousJwk);
			}
		}
		return new SigningKeys(algorithm, privateKey, current.getId(), publicKey, byId, jwks,
				refreshKey(jwt, privateKey.getEncoded()), generated);
	}

	private static SecretKey refreshKey(JwtAllAuthProperties.Jwt jwt, byte[] signingMaterial) {
		String keyAlgorithm = REFRESH_ALGORITHM.keyAlgorithm();
		if (jwt.refreshSecret() != null && !jwt.refreshSecret().isEmpty()) {
			byte[] secret = jwt.refreshSecret().getBytes(StandardCharsets.UTF_8);
			if (secret.length * Byte.SIZE < REFRESH_ALGORITHM.minimumKeySize()) {
				throw new InvalidSecretPropertyException("jwtallauth.jwt.refresh-secret",
						"the refresh secret needs at least " + minimumSize(REFRESH_ALGORITHM) + "; this one has "
								+ (secret.length * Byte.SIZE) + " bits");
			}
			return new SecretKeySpec(secret, keyAlgorithm);
		}
		// A one-way derivation keeps the refresh key distinct from the access-token key
		// (a token of
		// one kind can never verify as the other) without asking for a second secret.
		try {
			Mac mac = Mac.getInstance(REFRESH_ALGORITHM.jcaAlgorithm());
			mac.init(new SecretKeySpec(signingMaterial, keyAlgorithm));
			return new SecretKeySpec(mac.doFinal(REFRESH_KEY_LABEL), keyAlgorithm);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(REFRESH_ALGORITHM.jcaAlgorithm() + " is not available", ex);
		}
	}

	// "256 bits (32 bytes)": the size of a secret as the messages about secrets give it
	private static String minimumSize(JwtAlgorithm algorithm) {
		int bits = algorithm.minimumKeySize();
		return bits + " bits (" + (bits / Byte.SIZE) + " bytes)";
	}

	private static PrivateKey readPrivateKey(Resource resource, @Nullable JwtAlgorithm algorithm) {
		String property = "jwtallauth.jwt.private-key";
		String text = read(resource, property);
		PrivateKey key;
		try {
			key = PemContent.of(text).getPrivateKey();
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
					"the file is not a PEM private key (PKCS#8, PKCS#1 or SEC1)", ex);
		}
		if (key == null) {
			throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
					"the file holds no PEM private key");
		}
		if (algorithm != null) {
			checkType(key, algorithm, property, resource);
		}
		return key;
	}

	private static PublicKey readPublicKey(Resource resource, JwtAlgorithm algorithm, String property) {
		String text = read(resource, property);
		if (PemContent.isPresentInText(text) && text.contains("CERTIFICATE")) {
			PublicKey key = PemContent.of(text).getCertificates().get(0).getPublicKey();
			checkType(key, algorithm, property, resource);
			return key;
		}
		String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			PublicKey key = KeyFactory.getInstance(algorithm.keyAlgorithm())
				.generatePublic(new X509EncodedKeySpec(der));
			checkType(key, algorithm, property, resource);
			return key;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
					"the file is not a PEM public key (X.509 SubjectPublicKeyInfo) for " + algorithm, ex);
		}
	}

	private static PublicKey derivePublicKey(PrivateKey privateKey) {
		if (privateKey instanceof RSAPrivateCrtKey rsa) {
			try {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.public-key", null,
				"the public key cannot be derived from this private key; set jwtallauth.jwt.public-key");
	}

	private static void checkType(Key key, JwtAlgorithm algorithm, String property, Resource resource) {
		if (!algorithm.isKeyTypeOf(key)) {
			throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
					"the key is " + key.getAlgorithm() + " but jwtallauth.jwt.algorithm is " + algorithm);
		}
	}

	private static void checkPair(JwtAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
		String signatureAlgorithm = algorithm.jcaAlgorithm();
		try {
			byte[] probe = "jwt-allauth key pair check".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance(signatureAlgorithm);
			signer.initSign(privateKey);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(signatureAlgorithm);
			verifier.initVerify(publicKey);
			verifier.update(probe);
			if (verifier.verify(signature)) {
				return;
			}
		}
		catch (GeneralSecurityException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.public-key", null,
				"the public key does not match jwtallauth.jwt.private-key");
	}

	private static String read(Resource resource, String property) {
		try (InputStream in = resource.getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
					"the key file cannot be read: " + ex.getMessage(), ex);
		}
	}

}
