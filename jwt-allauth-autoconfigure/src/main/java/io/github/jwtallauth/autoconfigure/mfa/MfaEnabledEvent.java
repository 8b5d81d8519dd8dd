package io.github.jwtallauth.autoconfigure.mfa;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a user activates TOTP. The source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class MfaEnabledEvent extends ApplicationEvent {

	public MfaEnabledEvent(String userId) {
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
