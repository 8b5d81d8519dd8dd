package io.github.jwtallauth.autoconfigure.mfa;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a second factor (TOTP or recovery code) lets a user in. The source is
 * the user id.
 *
 * @author jwt-allauth contributors
 */
public final class MfaVerifiedEvent extends ApplicationEvent {

	public MfaVerifiedEvent(String userId) {
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
