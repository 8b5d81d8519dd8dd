package io.github.jwtallauth.autoconfigure.session;

/**
 * Published when a refresh token that was already rotated is presented again; the session
 * has been revoked.
 *
 * @author jwt-allauth contributors
 */
public final class RefreshTokenReuseDetectedEvent extends SessionEvent {

	public RefreshTokenReuseDetectedEvent(String userId, String sessionId) {
		super(userId, sessionId);
	}

}
