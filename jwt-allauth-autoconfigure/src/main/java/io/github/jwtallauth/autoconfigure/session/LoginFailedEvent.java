package io.github.jwtallauth.autoconfigure.session;

import org.springframework.context.ApplicationEvent;

/**
 * Published when {@code POST /login} refuses a password (wrong password, unknown address
 * or inactive account alike). The source is the normalized e-mail address that was tried;
 * nothing tells whether it has an account.
 *
 * @author jwt-allauth contributors
 */
public final class LoginFailedEvent extends ApplicationEvent {

	private final String code;

	public LoginFailedEvent(String email, String code) {
		super(email);
		this.code = code;
	}

	/**
	 * Return the address that was tried.
	 * @return the normalized e-mail address
	 */
	public String getEmail() {
		return (String) getSource();
	}

	/**
	 * Return the problem code the client received.
	 * @return {@code incorrect_credentials} or {@code account_inactive}
	 */
	public String getCode() {
		return this.code;
	}

}
