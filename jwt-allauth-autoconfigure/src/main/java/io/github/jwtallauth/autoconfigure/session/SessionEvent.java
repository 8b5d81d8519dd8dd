package io.github.jwtallauth.autoconfigure.session;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the events jwt-allauth publishes about device sessions. The source is the user
 * id.
 *
 * @author jwt-allauth contributors
 */
public abstract sealed class SessionEvent extends ApplicationEvent
		permits UserLoggedInEvent, UserLoggedOutEvent, SessionRefreshedEvent, RefreshTokenReuseDetectedEvent {

	private final String sessionId;

	protected SessionEvent(String userId, String sessionId) {
		super(userId);
		this.sessionId = sessionId;
	}

	/**
	 * Return the user id.
	 * @return the user id
	 */
	public String getUserId() {
		return (String) getSource();
	}

	/**
	 * Return the session concerned, or {@code "*"} for every session of the user.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

}
