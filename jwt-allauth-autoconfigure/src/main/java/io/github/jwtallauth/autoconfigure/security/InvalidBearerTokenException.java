package io.github.jwtallauth.autoconfigure.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token was present but is not a valid access token, or its session was revoked.
 *
 * @author jwt-allauth contributors
 */
public class InvalidBearerTokenException extends AuthenticationException {

	private final boolean sessionRevoked;

	public InvalidBearerTokenException(String message, boolean sessionRevoked) {
		super(message);
		this.sessionRevoked = sessionRevoked;
	}

	/**
	 * Whether the token was valid but its session has been revoked.
	 * @return whether the session check refused it
	 */
	public boolean isSessionRevoked() {
		return this.sessionRevoked;
	}

}
