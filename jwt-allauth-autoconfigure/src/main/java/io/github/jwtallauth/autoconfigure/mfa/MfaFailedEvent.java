package io.github.jwtallauth.autoconfigure.mfa;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a wrong TOTP or recovery code is sent. The source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class MfaFailedEvent extends ApplicationEvent {

	public MfaFailedEvent(String userId) {
		super(userId);
	}

	/**
	 * Return the user id.
	 * @return the user id
	 */
	public String getUserId() {
		return (String) getSource();
	}

}
