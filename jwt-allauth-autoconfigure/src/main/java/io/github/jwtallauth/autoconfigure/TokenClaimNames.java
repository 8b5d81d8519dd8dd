package io.github.jwtallauth.autoconfigure;

import java.util.Set;

/**
 * Claim names that jwt-allauth keeps for itself: configured user attributes may not use
 * them, and the token subject drops them when a {@code JwtAllAuthTokenCustomizer} adds
 * them.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class TokenClaimNames {

	/** Claim names that configured user attributes and customizers may not use. */
	public static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "token_type",
			"sid", "session_iat", "role", "email_verified", "kid", "typ", "alg", "user_id", "session", "for_user",
			"one_time_permission");

	private TokenClaimNames() {
	}

}
