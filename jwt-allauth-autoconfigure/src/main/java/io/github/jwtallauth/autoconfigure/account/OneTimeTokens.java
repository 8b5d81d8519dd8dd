package io.github.jwtallauth.autoconfigure.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes the random tokens of links and capabilities: 256 random bits, URL-safe
 * base64. Only the SHA-256 is stored, so a copy of the database opens no link. A token
 * with this much entropy needs no slow hash, and looking it up by its hash leaks nothing
 * usable through timing.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class OneTimeTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Longest token accepted from a client; anything longer is not one of ours. */
	public static final int MAX_LENGTH = 128;

	private OneTimeTokens() {
	}

	/**
	 * Make a new random token.
	 * @return the token, 43 URL-safe characters
	 */
	public static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Return the SHA-256 of a token, as 64 hex digits.
	 * @param token the token
	 * @return the hash
	 */
	public static String hash(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * Whether a client-supplied string can be one of our tokens at all.
	 * @param token the string
	 * @return whether it is worth a lookup
	 */
	public static boolean isWellFormed(String token) {
		return !token.isEmpty() && token.length() <= MAX_LENGTH
				&& token.chars()
					.allMatch((c) -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
							|| c == '-' || c == '_');
	}

}
