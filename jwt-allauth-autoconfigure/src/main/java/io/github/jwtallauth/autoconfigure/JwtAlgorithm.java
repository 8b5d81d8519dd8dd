package io.github.jwtallauth.autoconfigure;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Signature algorithms supported for access tokens, each with the facts the key handling
 * needs: the JCA names of its signature and keys, its curve, and its smallest key. The
 * name of each constant is the algorithm's name in a token header and in a JWK. Adding an
 * algorithm means adding a constant here: the token package finds the jjwt algorithm of
 * the same name.
 *
 * @author jwt-allauth contributors
 */
public enum JwtAlgorithm {

	// Columns: asymmetric, JCA signature (or MAC), JCA key algorithm, smallest key in
	// bits, curve, and
	// other names a key may give as its algorithm (the JDK's Ed25519 keys say "EdDSA").

	/** HMAC with SHA-256 and a shared secret. */
	HS256(false, "HmacSHA256", "HmacSHA256", 256, null),

	/** RSASSA-PKCS1-v1_5 with SHA-256. */
	RS256(true, "SHA256withRSA", "RSA", 2048, null),

	/** ECDSA on P-256 with SHA-256. */
	ES256(true, "SHA256withECDSA", "EC", 256, new ECGenParameterSpec("secp256r1")),

	/** Edwards-curve signatures with Ed25519. */
	EdDSA(true, "Ed25519", "Ed25519", 255, NamedParameterSpec.ED25519, "EdDSA");

	private final boolean asymmetric;

	private final String jcaAlgorithm;

	private final String keyAlgorithm;

	private final int minimumKeySize;

	private final @Nullable NamedParameterSpec curve;

	private final Set<String> keyNames;

	JwtAlgorithm(boolean asymmetric, String jcaAlgorithm, String keyAlgorithm, int minimumKeySize,
			@Nullable NamedParameterSpec curve, String... otherKeyNames) {
		this.asymmetric = asymmetric;
		this.jcaAlgorithm = jcaAlgorithm;
		this.keyAlgorithm = keyAlgorithm;
		this.minimumKeySize = minimumKeySize;
		this.curve = curve;
		Set<String> keyNames = new HashSet<>(List.of(otherKeyNames));
		keyNames.add(keyAlgorithm);
		this.keyNames = Set.copyOf(keyNames);
	}

	/**
	 * Whether the algorithm signs with a private key and verifies with a public one.
	 * @return {@code true} for RS256, ES256 and EdDSA
	 */
	public boolean isAsymmetric() {
		return this.asymmetric;
	}

	/**
	 * Return the JCA name of the {@code Signature}, or for HS256 of the {@code Mac}, that
	 * computes this algorithm's signatures.
	 * @return the JCA algorithm name, for example {@code SHA256withRSA}
	 */
	public String jcaAlgorithm() {
		return this.jcaAlgorithm;
	}

	/**
	 * Return the JCA name of this algorithm's keys: the {@code KeyPairGenerator} and
	 * {@code KeyFactory} algorithm, or for HS256 the algorithm of the secret key.
	 * @return the key algorithm name, for example {@code RSA}
	 */
	public String keyAlgorithm() {
		return this.keyAlgorithm;
	}

	/**
	 * Return the size, in bits, of the smallest key that may sign with this algorithm.
	 * HS256 secrets and RSA keys may be larger, and keys generated for development have
	 * this size; the curve of ES256 and EdDSA fixes the size of their keys.
	 * @return the size in bits
	 */
	public int minimumKeySize() {
		return this.minimumKeySize;
	}

	/**
	 * Return the JCA name of the curve of this algorithm's keys.
	 * @return the curve, {@code secp256r1} for ES256 and {@code Ed25519} for EdDSA, or
	 * {@code null} for algorithms without a curve
	 */
	public @Nullable String curve() {
		return (this.curve != null) ? this.curve.getName() : null;
	}

	/**
	 * Whether a key is of the type this algorithm signs or verifies with, judged by the
	 * name of its algorithm. The key's size and curve are not checked here: the token
	 * service refuses a key that cannot sign when it starts.
	 * @param key the key
	 * @return whether the key's type fits this algorithm
	 */
	public boolean isKeyTypeOf(Key key) {
		return this.keyNames.contains(key.getAlgorithm());
	}

	/**
	 * Return the algorithm that signs with keys of the type of the given key.
	 * @param key the key, typically a private key read from a PEM file
	 * @return the algorithm, or empty if none of these algorithms uses keys of that type
	 */
	public static Optional<JwtAlgorithm> forKey(Key key) {
		for (JwtAlgorithm algorithm : values()) {
			if (algorithm.isKeyTypeOf(key)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

	/**
	 * Generate a key pair for this algorithm: an RSA key of {@link #minimumKeySize()}
	 * bits, or a key on the algorithm's {@link #curve()}.
	 * @return a new key pair
	 * @throws IllegalStateException if the algorithm is not {@link #isAsymmetric()
	 * asymmetric} or the JVM cannot generate the key
	 */
	public KeyPair generateKeyPair() {
		Assert.state(this.asymmetric, () -> this + " has no key pair");
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyAlgorithm);
			if (this.curve != null) {
				generator.initialize(this.curve);
			}
			else {
				generator.initialize(this.minimumKeySize);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + this + " key pair", ex);
		}
	}

}
