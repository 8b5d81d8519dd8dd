package io.github.jwtallauth.autoconfigure.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token was present but is not a valid access token, or its session was revoked.
 * Kept by {@link JwtAllAuthBearerTokenFilter} in its
 * {@link JwtAllAuthBearerTokenFilter#INVALID_TOKEN_ATTRIBUTE request attribute}. Named
 * apart from Spring Security's resource-server {@code InvalidBearerTokenException}, which
 * it is not, so that neither is imported or caught for the other.
 *
 * @author jwt-allauth contributors
 */
final class InvalidAccessTokenException extends AuthenticationException {

	private final boolean sessionRevoked;

	InvalidAccessTokenException(String message, boolean sessionRevoked) {
		super(message);
		this.sessionRevoked = sessionRevoked;
	}

	/**
	 * Whether the token was valid but its session has been revoked.
	 * @return whether the session check refused it
	 */
	boolean isSessionRevoked() {
		return this.sessionRevoked;
	}

}
