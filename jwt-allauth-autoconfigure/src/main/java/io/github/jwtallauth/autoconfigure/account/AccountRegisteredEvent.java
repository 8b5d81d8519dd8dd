package io.github.jwtallauth.autoconfigure.account;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an account is created, by sign-up or invitation. The source is the user
 * id.
 *
 * @author jwt-allauth contributors
 */
public final class AccountRegisteredEvent extends ApplicationEvent {

	public AccountRegisteredEvent(String userId) {
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
