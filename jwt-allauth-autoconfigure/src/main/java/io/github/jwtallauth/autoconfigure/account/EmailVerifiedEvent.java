package io.github.jwtallauth.autoconfigure.account;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a user proves an e-mail address by following a verification link. The
 * source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class EmailVerifiedEvent extends ApplicationEvent {

	public EmailVerifiedEvent(String userId) {
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
