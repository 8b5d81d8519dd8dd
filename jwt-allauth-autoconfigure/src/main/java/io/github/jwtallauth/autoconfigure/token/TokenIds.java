package io.github.jwtallauth.autoconfigure.token;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random ids for tokens ({@code jti}) and sessions ({@code sid}).
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class TokenIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenIds() {
	}

	/**
	 * Return a new random token id: 128 bits as 32 hex characters.
	 * @return the id
	 */
	public static String newTokenId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
