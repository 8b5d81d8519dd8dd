package io.github.jwtallauth.autoconfigure;

/**
 * Signature algorithms supported for access tokens.
 *
 * @author jwt-allauth contributors
 */
public enum JwtAlgorithm {

	/** HMAC with SHA-256 and a shared secret. */
	HS256(false),

	/** RSASSA-PKCS1-v1_5 with SHA-256. */
	RS256(true),

	/** ECDSA on P-256 with SHA-256. */
	ES256(true),

	/** Edwards-curve signatures with Ed25519. */
	EdDSA(true);

	private final boolean asymmetric;

	JwtAlgorithm(boolean asymmetric) {
		this.asymmetric = asymmetric;
	}

	/**
	 * Whether the algorithm signs with a private key and verifies with a public one.
	 * @return {@code true} for RS256, ES256 and EdDSA
	 */
	public boolean isAsymmetric() {
		return this.asymmetric;
	}

}
