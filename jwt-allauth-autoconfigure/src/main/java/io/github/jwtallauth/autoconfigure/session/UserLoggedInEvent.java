package io.github.jwtallauth.autoconfigure.session;

/**
 * Published when a user logs in with a password and a session is opened.
 *
 * @author jwt-allauth contributors
 */
public final class UserLoggedInEvent extends SessionEvent {

	public UserLoggedInEvent(String userId, String sessionId) {
		super(userId, sessionId);
	}

}
