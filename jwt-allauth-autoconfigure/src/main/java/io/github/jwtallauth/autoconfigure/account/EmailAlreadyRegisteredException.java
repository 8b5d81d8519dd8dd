package io.github.jwtallauth.autoconfigure.account;

/**
 * Thrown by {@link AccountService#create(NewAccount)} when an account already has the
 * address.
 *
 * @author jwt-allauth contributors
 */
public final class EmailAlreadyRegisteredException extends RuntimeException {

	public EmailAlreadyRegisteredException() {
		super("An account already has this e-mail address");
	}

}
