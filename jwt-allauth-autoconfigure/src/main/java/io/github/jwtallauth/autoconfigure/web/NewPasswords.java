package io.github.jwtallauth.autoconfigure.web;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;

/**
 * The checks every "choose a new password" form shares (sign-up and change now; reset and
 * set-password next): both fields present, equal, hashable, and accepted by the policy.
 *
 * @author jwt-allauth contributors
 */
final class NewPasswords {

	/** Field names and messages of one form, as the original's clients know them. */
	record Form(String first, String second, String problemsOn, String mismatch) {
	}

	/** Sign-up: policy problems on {@code password1}. */
	static final Form REGISTRATION = new Form("password1", "password2", "password1",
			"The two password fields didn't match.");

	/**
	 * Password change, reset and set: Django's form puts every problem on
	 * {@code new_password2}.
	 */
	static final Form CHANGE = new Form("new_password1", "new_password2", "new_password2",
			"The two password fields didn’t match.");

	private NewPasswords() {
	}

	static void validate(FieldErrors errors, Form form, @Nullable String password1, @Nullable String password2,
			PasswordPolicy.PasswordContext owner, PasswordAuthenticator passwords, PasswordPolicy policy) {
		boolean present = errors.requireVerbatim(form.first(), password1)
				& errors.requireVerbatim(form.second(), password2);
		if (!present) {
			return;
		}
		if (!password1.equals(password2)) {
			errors.add(form.second(), form.mismatch());
		}
		else if (!passwords.canEncode(password1)) {
			errors.add(form.problemsOn(),
					"Ensure this password has no more than " + PasswordAuthenticator.MAX_PASSWORD_BYTES + " bytes.");
		}
		else {
			policy.validate(password1, owner).forEach((problem) -> errors.add(form.problemsOn(), problem));
		}
	}

}
