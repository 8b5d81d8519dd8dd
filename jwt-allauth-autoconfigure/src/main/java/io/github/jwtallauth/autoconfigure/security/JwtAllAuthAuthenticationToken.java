package io.github.jwtallauth.autoconfigure.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * The {@code Authentication} of a request that carried a valid jwt-allauth access token.
 * Its principal is a {@link JwtAllAuthPrincipal}; its authorities come from
 * {@code jwtallauth.roles}.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthAuthenticationToken extends AbstractAuthenticationToken {

	private final JwtAllAuthPrincipal principal;

	public JwtAllAuthAuthenticationToken(JwtAllAuthPrincipal principal,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public JwtAllAuthPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public Object getCredentials() {
		// the token is not kept: nothing downstream needs it and it must not end up in a
		// log
		return "";
	}

	@Override
	public String getName() {
		return this.principal.subject();
	}

}
