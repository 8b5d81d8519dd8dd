package io.github.jwtallauth.autoconfigure.token;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a verified access token says. The security layer turns it into the request's
 * principal.
 *
 * @param subject the user id ({@code sub})
 * @param sessionId the device session ({@code sid})
 * @param sessionIssuedAt when the device session was opened ({@code session_iat})
 * @param role the integer role ({@code role})
 * @param emailVerified whether the user's e-mail address is verified
 * ({@code email_verified})
 * @param attributes the user-attribute claims and the claims added by token customizers
 * @param tokenId the access token's id ({@code jti})
 * @param expiresAt when the access token expires ({@code exp})
 * @author jwt-allauth contributors
 */
public record AccessTokenClaims(String subject, String sessionId, Instant sessionIssuedAt, int role,
		boolean emailVerified, Map<String, @Nullable Object> attributes, String tokenId, Instant expiresAt) {

	public AccessTokenClaims {
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

}
