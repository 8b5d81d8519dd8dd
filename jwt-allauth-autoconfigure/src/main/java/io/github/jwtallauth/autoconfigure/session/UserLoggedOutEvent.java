package io.github.jwtallauth.autoconfigure.session;

/**
 * Published when a session is closed by logout or revocation, or every session (id
 * {@code "*"}) by logout-all.
 *
 * @author jwt-allauth contributors
 */
public final class UserLoggedOutEvent extends SessionEvent {

	public UserLoggedOutEvent(String userId, String sessionId) {
		super(userId, sessionId);
	}

}
