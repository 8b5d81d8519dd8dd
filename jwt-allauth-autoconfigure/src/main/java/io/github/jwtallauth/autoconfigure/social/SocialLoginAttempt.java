package io.github.jwtallauth.autoconfigure.social;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.account.UserAccount;

/**
 * A social login a {@link SocialLoginPolicy} is asked about.
 *
 * @param identity who the provider says the user is
 * @param account the account it would sign in or be connected to; {@code null} for a
 * sign-up, whose account does not exist yet
 * @param kind what would happen
 * @author jwt-allauth contributors
 */
public record SocialLoginAttempt(SocialIdentity identity, @Nullable UserAccount account, Kind kind) {

	/**
	 * What a social login would do.
	 */
	public enum Kind {

		/** Sign in an existing account, linking the provider account when it is new. */
		SIGN_IN,

		/** Create an account for the provider account and sign it in. */
		SIGN_UP,

		/** Connect the provider account to the signed-in user; no session opens. */
		CONNECT

	}

}
