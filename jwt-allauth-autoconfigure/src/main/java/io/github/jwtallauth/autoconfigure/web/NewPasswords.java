package io.github.jwtallauth.autoconfigure.web;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.UserAccount;

/**
 * The checks every "choose a new password" form shares (change now; reset and set-password next):
 * both fields present, equal, hashable, and accepted by the policy. Errors go on
 * {@code new_password2}, as the original's forms put them.
 *
 * @author jwt-allauth contributors
 */
final class NewPasswords {

	static final String MISMATCH = "The two password fields didn’t match.";

	private NewPasswords() {
	}

	static void validate(FieldErrors errors, @Nullable String password1, @Nullable String password2, UserAccount user,
			PasswordAuthenticator passwords, PasswordPolicy policy) {
		boolean present = true;
		for (String[] field : new String[][] { { "new_password1", password1 }, { "new_password2", password2 } }) {
			if (field[1] == null || field[1].isEmpty()) {
				errors.add(field[0], (field[1] == null) ? FieldErrors.REQUIRED : FieldErrors.BLANK);
				present = false;
			}
		}
		if (!present) {
			return;
		}
		if (!password1.equals(password2)) {
			errors.add("new_password2", MISMATCH);
			return;
		}
		if (!passwords.canEncode(password1)) {
			errors.add("new_password2",
					"Ensure this password has no more than " + PasswordAuthenticator.MAX_PASSWORD_BYTES + " bytes.");
			return;
		}
		policy.validate(password1, new PasswordPolicy.PasswordContext(user.getEmail(), user.getFirstName(),
				user.getLastName()))
			.forEach((problem) -> errors.add("new_password2", problem));
	}

}
