package io.github.jwtallauth.autoconfigure.account;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a user changes their password through {@code POST /password/change}. The
 * source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordChangedEvent extends ApplicationEvent {

	public PasswordChangedEvent(String userId) {
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
