package io.github.jwtallauth.autoconfigure.token;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.PublicJwk;
import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;

/**
 * Key material of a {@link JjwtTokenService}: the key that signs access tokens, the keys
 * that verify them (by key id), and the HMAC key of refresh tokens, which only this
 * server verifies.
 *
 * @param algorithm algorithm that signs and verifies access tokens
 * @param signingKey private key, or the HMAC secret key for HS256
 * @param keyId key id written in the header of new access tokens, or {@code null}
 * @param verificationKey key that verifies tokens that name no key id
 * @param verificationKeysById keys that verify tokens naming a key id, the current key
 * included
 * @param publicJwks public keys published by the JWK set endpoint; empty for HS256
 * @param refreshKey HMAC key of tokens that only this server verifies
 * @param developmentKey whether the signing key was generated for this run only
 * ({@code jwtallauth.jwt.generate-development-key}); other throw-away keys (the MFA key)
 * follow it
 * @author jwt-allauth contributors
 */
public record SigningKeys(JwtAlgorithm algorithm, Key signingKey, @Nullable String keyId, Key verificationKey,
		Map<String, Key> verificationKeysById, List<PublicJwk<?>> publicJwks, SecretKey refreshKey,
		boolean developmentKey) {

	/**
	 * Key material that was configured, not generated.
	 * @param algorithm algorithm that signs and verifies access tokens
	 * @param signingKey private key, or the HMAC secret key for HS256
	 * @param keyId key id written in the header of new access tokens, or {@code null}
	 * @param verificationKey key that verifies tokens that name no key id
	 * @param verificationKeysById keys that verify tokens naming a key id, the current
	 * key included
	 * @param publicJwks public keys published by the JWK set endpoint; empty for HS256
	 * @param refreshKey HMAC key of tokens that only this server verifies
	 */
	public SigningKeys(JwtAlgorithm algorithm, Key signingKey, @Nullable String keyId, Key verificationKey,
			Map<String, Key> verificationKeysById, List<PublicJwk<?>> publicJwks, SecretKey refreshKey) {
		this(algorithm, signingKey, keyId, verificationKey, verificationKeysById, publicJwks, refreshKey, false);
	}

	public SigningKeys {
		verificationKeysById = Map.copyOf(verificationKeysById);
		publicJwks = List.copyOf(publicJwks);
		if (algorithm.isAsymmetric() && !(signingKey instanceof PrivateKey && verificationKey instanceof PublicKey)) {
			throw new IllegalArgumentException("An asymmetric algorithm needs a private and a public key");
		}
	}

	@Override
	public String toString() {
		return "SigningKeys[algorithm=" + this.algorithm + ", keyId=" + this.keyId + "]";
	}

}
