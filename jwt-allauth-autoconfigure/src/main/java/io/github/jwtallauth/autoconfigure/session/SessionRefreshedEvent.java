package io.github.jwtallauth.autoconfigure.session;

/**
 * Published when a refresh token is rotated.
 *
 * @author jwt-allauth contributors
 */
public final class SessionRefreshedEvent extends SessionEvent {

	public SessionRefreshedEvent(String userId, String sessionId) {
		super(userId, sessionId);
	}

}
