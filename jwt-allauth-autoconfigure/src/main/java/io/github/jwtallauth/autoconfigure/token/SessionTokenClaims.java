package io.github.jwtallauth.autoconfigure.token;

import java.time.Instant;

/**
 * The claims that tie a token to a device session.
 *
 * @param sessionId the session id ({@code sid})
 * @param sessionIssuedAt when the session was opened ({@code session_iat}); constant
 * across rotations
 * @param deadline the absolute end of the session, or {@link Instant#MAX} without a
 * session lifetime
 * @author jwt-allauth contributors
 */
public record SessionTokenClaims(String sessionId, Instant sessionIssuedAt, Instant deadline) {
}
