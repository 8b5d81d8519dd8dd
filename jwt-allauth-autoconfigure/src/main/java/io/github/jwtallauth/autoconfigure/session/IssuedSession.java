package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;

/**
 * The tokens of a newly opened or rotated session.
 *
 * @param sessionId the session id
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param refreshExpiresAt when the refresh token expires
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 * @author jwt-allauth contributors
 */
public record IssuedSession(String sessionId, String accessToken, String refreshToken, Instant refreshExpiresAt) {

	@Override
	public String toString() {
		return "IssuedSession[sessionId=" + this.sessionId + "]";
	}

}
