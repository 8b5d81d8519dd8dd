package io.github.jwtallauth.autoconfigure.token;

import java.time.Instant;

/**
 * A verified refresh token.
 *
 * @param subject the user id
 * @param sessionId the device session
 * @param sessionIssuedAt when the session was opened
 * @param tokenId the token's {@code jti}, compared with the session's current one
 * @param expiresAt when the token expires
 * @author jwt-allauth contributors
 */
public record RefreshTokenClaims(String subject, String sessionId, Instant sessionIssuedAt, String tokenId,
		Instant expiresAt) {
}
