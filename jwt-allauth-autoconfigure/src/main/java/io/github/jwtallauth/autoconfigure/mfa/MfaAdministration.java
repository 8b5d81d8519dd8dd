package io.github.jwtallauth.autoconfigure.mfa;

/**
 * What an administrator may do to another user's multi-factor authentication. Inject it
 * where the application offers account support; it exists whenever MFA does.
 *
 * @author jwt-allauth contributors
 */
public interface MfaAdministration {

	/**
	 * Remove every authenticator, recovery code and pending challenge of a user: what an
	 * administrator does for a user who lost the device, after proving who they are some
	 * other way. In {@code required} mode the user enrols again at the next login.
	 * @param userId the user
	 */
	void reset(String userId);

}
