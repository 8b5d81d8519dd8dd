package io.github.jwtallauth.autoconfigure.account;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a user sets a new password through a password-reset link. The source is
 * the user id.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordResetEvent extends ApplicationEvent {

	public PasswordResetEvent(String userId) {
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
