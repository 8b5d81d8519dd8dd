package io.github.jwtallauth.autoconfigure.account;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an invited user sets a first password through the invitation link. The
 * source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordSetEvent extends ApplicationEvent {

	public PasswordSetEvent(String userId) {
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
