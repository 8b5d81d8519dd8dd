package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user as jwt-allauth sees it. The default {@link JwtAllAuthUser} entity implements it;
 * an application with its own user store returns its own implementation from its
 * {@link AccountService}. User-attribute claims are read from the implementation's bean
 * properties.
 *
 * @author jwt-allauth contributors
 */
public interface UserAccount {

	/**
	 * Return the user id, the {@code sub} claim of the user's tokens.
	 * @return the id
	 */
	String getId();

	/**
	 * Return the e-mail address, lower-case.
	 * @return the e-mail address
	 */
	String getEmail();

	/**
	 * Return the encoded password, or {@code null} for an account that has none yet.
	 * @return the password hash
	 */
	@Nullable String getPassword();

	/**
	 * Return the first name.
	 * @return the first name, possibly empty
	 */
	String getFirstName();

	/**
	 * Return the last name.
	 * @return the last name, possibly empty
	 */
	String getLastName();

	/**
	 * Return the integer role: 0 user, 900 superuser, 1000 staff, or the application's
	 * own.
	 * @return the role
	 */
	int getRole();

	/**
	 * Return whether the account may log in.
	 * @return whether the account is active
	 */
	boolean isActive();

	/**
	 * Return whether the e-mail address has been verified.
	 * @return whether the address is verified
	 */
	boolean isEmailVerified();

	/**
	 * Return when the user last logged in. Social login tells an account that has been
	 * used from one nobody ever signed in to; an implementation that does not know
	 * answers {@code null}, and such an account is then treated as never used only when
	 * nothing else proves its address.
	 * @return the last login, or {@code null} for never (or unknown)
	 */
	default @Nullable Instant getLastLogin() {
		return null;
	}

}
