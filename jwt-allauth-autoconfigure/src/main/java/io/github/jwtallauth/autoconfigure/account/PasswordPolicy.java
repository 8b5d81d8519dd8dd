package io.github.jwtallauth.autoconfigure.account;

import java.util.List;

/**
 * Rules a new password must satisfy (sign-up, change, reset, set). Declare a bean of this
 * type to replace {@link DefaultPasswordPolicy}.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface PasswordPolicy {

	/**
	 * Check a new password.
	 * @param password the password exactly as sent
	 * @param context what is known of its owner, for similarity checks
	 * @return the human-readable problems, empty when the password is acceptable
	 */
	List<String> validate(String password, PasswordContext context);

	/**
	 * What a policy may compare a password with.
	 *
	 * @param email the owner's e-mail address
	 * @param firstName the owner's first name
	 * @param lastName the owner's last name
	 */
	record PasswordContext(String email, String firstName, String lastName) {
	}

}
