package io.github.jwtallauth.autoconfigure.account;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

/**
 * An account to create.
 *
 * @param email the e-mail address; stored as {@link EmailAddresses#parse(String)} makes
 * it
 * @param encodedPassword the encoded password, or {@code null} for an account without one
 * @param firstName the first name
 * @param lastName the last name
 * @param role the integer role
 * @param active whether the account may log in
 * @param emailVerified whether the address is verified
 * @author jwt-allauth contributors
 */
public record NewAccount(String email, @Nullable String encodedPassword, String firstName, String lastName, int role,
		boolean active, boolean emailVerified) {

	/**
	 * Parse the address here, so that every {@link AccountService} stores it in the same
	 * form whoever built the account.
	 * @throws IllegalArgumentException if the address is not a plain e-mail address
	 */
	public NewAccount {
		email = EmailAddresses.parse(email)
			.orElseThrow(() -> new IllegalArgumentException("'email' must be a plain e-mail address"));
	}

	@Override
	public String toString() {
		return "NewAccount[email=" + this.email + ", role=" + this.role + "]";
	}

}
