package io.github.jwtallauth.autoconfigure.mfa;

import org.springframework.context.ApplicationEvent;

/**
 * Published when wrong codes lock MFA for a user (jwtallauth.mfa.max-attempts within
 * lockout). The source is the user id.
 *
 * @author jwt-allauth contributors
 */
public final class MfaLockedEvent extends ApplicationEvent {

	public MfaLockedEvent(String userId) {
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
