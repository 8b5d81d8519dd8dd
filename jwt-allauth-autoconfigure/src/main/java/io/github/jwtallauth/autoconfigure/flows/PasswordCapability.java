package io.github.jwtallauth.autoconfigure.flows;

import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * The two capabilities that a link in a mail hands out: each lets its holder set one
 * user's password, once.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 * @see PasswordCapabilityService
 */
public enum PasswordCapability {

	/** Set a new password after a reset link. */
	RESET(TokenService.PASSWORD_RESET_CAPABILITY, OneTimeTokenPurpose.PASSWORD_RESET_ACCESS),

	/** Set an invited account's first password. */
	SET(TokenService.PASSWORD_SET_CAPABILITY, OneTimeTokenPurpose.PASSWORD_SET_ACCESS);

	private final String tokenType;

	private final OneTimeTokenPurpose purpose;

	PasswordCapability(String tokenType, OneTimeTokenPurpose purpose) {
		this.tokenType = tokenType;
		this.purpose = purpose;
	}

	/**
	 * Return the type of the signed capability token.
	 * @return {@link TokenService#PASSWORD_RESET_CAPABILITY} or
	 * {@link TokenService#PASSWORD_SET_CAPABILITY}
	 */
	public String tokenType() {
		return this.tokenType;
	}

	/**
	 * Return the stored purpose of the capability.
	 * @return the purpose
	 */
	public OneTimeTokenPurpose purpose() {
		return this.purpose;
	}

}
