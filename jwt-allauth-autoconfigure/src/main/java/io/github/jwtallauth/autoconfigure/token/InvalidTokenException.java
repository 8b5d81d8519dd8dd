package io.github.jwtallauth.autoconfigure.token;

/**
 * Thrown when a token is malformed, badly signed, expired, of the wrong type or otherwise
 * unusable. The message is for debug logs; it never contains the token.
 *
 * @author jwt-allauth contributors
 */
public sealed class InvalidTokenException extends RuntimeException permits ExpiredRefreshTokenException {

	public InvalidTokenException(String message) {
		super(message);
	}

	public InvalidTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
