package io.github.jwtallauth.autoconfigure.social;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a provider account signs a user in and a session is opened. The source
 * is the user id. A social login answered with an MFA challenge publishes nothing here:
 * the session is opened, and announced, when the second factor is given.
 *
 * @author jwt-allauth contributors
 */
public final class SocialLoginEvent extends ApplicationEvent {

	private final String sessionId;

	private final String provider;

	public SocialLoginEvent(String userId, String sessionId, String provider) {
		super(userId);
		this.sessionId = sessionId;
		this.provider = provider;
	}

	/**
	 * Return the user id.
	 * @return the user id
	 */
	public String getUserId() {
		return (String) getSource();
	}

	/**
	 * Return the id of the session that was opened.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * Return the registration id of the provider.
	 * @return the provider
	 */
	public String getProvider() {
		return this.provider;
	}

}
