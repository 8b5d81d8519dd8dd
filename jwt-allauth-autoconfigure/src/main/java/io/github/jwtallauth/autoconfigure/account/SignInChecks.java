package io.github.jwtallauth.autoconfigure.account;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * What an account must be to sign in, however its user proved who they are (a password, a
 * provider): active, and verified when verification is mandatory. One place, so that
 * every way in refuses the same accounts with the same answer.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class SignInChecks {

	private SignInChecks() {
	}

	/**
	 * Refuse an account that may not sign in.
	 * @param user the account
	 * @param requireVerifiedEmail whether an unverified address refuses sign-in
	 * (mandatory verification)
	 * @throws JwtAllAuthException 401 {@code account_inactive} or
	 * {@code email_not_verified}
	 */
	public static void check(UserAccount user, boolean requireVerifiedEmail) {
		if (!user.isActive()) {
			throw new JwtAllAuthException(ErrorCode.ACCOUNT_INACTIVE);
		}
		if (requireVerifiedEmail && !user.isEmailVerified()) {
			throw new JwtAllAuthException(ErrorCode.EMAIL_NOT_VERIFIED);
		}
	}

}
