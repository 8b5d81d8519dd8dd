package io.github.jwtallauth.autoconfigure.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;

/**
 * Lets Spring Security's {@code AuthenticationManager} check an e-mail and password against
 * jwt-allauth's accounts, for applications that also use HTTP Basic or form login. Its presence
 * also keeps Boot from creating an in-memory user with a generated password.
 *
 * @author jwt-allauth contributors
 */
public class JwtAllAuthPasswordAuthenticationProvider implements AuthenticationProvider {

	private final PasswordAuthenticator authenticator;

	private final AccessTokenAuthenticator roles;

	public JwtAllAuthPasswordAuthenticationProvider(PasswordAuthenticator authenticator,
			AccessTokenAuthenticator roles) {
		this.authenticator = authenticator;
		this.roles = roles;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = String.valueOf(authentication.getPrincipal());
		Object credentials = authentication.getCredentials();
		if (credentials == null) {
			throw new BadCredentialsException("Incorrect credentials");
		}
		UserAccount user;
		try {
			user = this.authenticator.authenticate(email, credentials.toString());
		}
		catch (JwtAllAuthException ex) {
			throw new BadCredentialsException(ex.getDefaultDetail());
		}
		return UsernamePasswordAuthenticationToken.authenticated(user.getId(), null,
				this.roles.authoritiesFor(user.getRole()));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
