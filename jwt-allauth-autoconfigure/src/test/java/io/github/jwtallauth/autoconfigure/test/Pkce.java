package io.github.jwtallauth.autoconfigure.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

/**
 * PKCE (RFC 7636) as a client does it: a random code verifier, and its S256 challenge.
 */
public final class Pkce {

	private Pkce() {
	}

	/** A new code verifier: 64 characters, more than the 43 the RFC asks at least. */
	public static String verifier() {
		return (UUID.randomUUID() + "-" + UUID.randomUUID()).replace("-", "");
	}

	/** The S256 challenge of a verifier: base64url of its SHA-256, no padding. */
	public static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
