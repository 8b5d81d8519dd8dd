package io.github.jwtallauth.autoconfigure.account;

/**
 * What a one-time token allows. Each token serves exactly one purpose.
 *
 * @author jwt-allauth contributors
 */
public enum OneTimeTokenPurpose {

	/** The link of a verification mail: proves the address. */
	EMAIL_VERIFICATION,

	/**
	 * The link of an invitation mail: proves the address and leads to the set-password
	 * form.
	 */
	INVITATION,

	/** The link of a password-reset mail: hands out a reset capability. */
	PASSWORD_RESET,

	/** The capability cookie that allows one password reset. */
	PASSWORD_RESET_ACCESS,

	/** The capability cookie that allows setting an invited account's first password. */
	PASSWORD_SET_ACCESS

}
