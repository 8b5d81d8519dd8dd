package io.github.jwtallauth.autoconfigure.token;

import java.security.Key;
import java.security.PublicKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;

/**
 * The jjwt side of a {@link JwtAlgorithm}, kept here so that the root package does not
 * depend on jjwt. Both lookups go by the algorithm's name, which is also jjwt's name for
 * it.
 *
 * @author jwt-allauth contributors
 */
final class JjwtAlgorithms {

	private JjwtAlgorithms() {
	}

	/**
	 * Return jjwt's signature algorithm of the given algorithm, the same instance as the
	 * {@code Jwts.SIG} constant of that name.
	 * @param algorithm the algorithm
	 * @return the jjwt algorithm
	 * @throws IllegalArgumentException if jjwt has no algorithm of that name
	 */
	@SuppressWarnings("unchecked")
	static SecureDigestAlgorithm<Key, ?> signatureAlgorithm(JwtAlgorithm algorithm) {
		return (SecureDigestAlgorithm<Key, ?>) Jwts.SIG.get().forKey(algorithm.name());
	}

	/**
	 * Return the public JWK of a verification key, as the JWK set endpoint publishes it:
	 * the key's parameters with {@code kty} and, for curves, {@code crv} taken from the
	 * key, the algorithm's name as {@code alg}, {@code use} {@code sig}, and as
	 * {@code kid} the given id or else the key's SHA-256 JWK thumbprint.
	 * @param key the public key
	 * @param keyId the configured key id, or {@code null} for the thumbprint
	 * @param algorithm the algorithm the key verifies
	 * @return the JWK
	 */
	static PublicJwk<?> publicJwk(PublicKey key, @Nullable String keyId, JwtAlgorithm algorithm) {
		var builder = Jwks.builder().key(key).algorithm(algorithm.name()).publicKeyUse("sig");
		return (keyId != null) ? builder.id(keyId).build() : builder.idFromThumbprint().build();
	}

}
