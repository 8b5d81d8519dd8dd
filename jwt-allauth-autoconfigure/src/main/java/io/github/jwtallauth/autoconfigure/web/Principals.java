package io.github.jwtallauth.autoconfigure.web;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * Defence in depth for the authenticated endpoints: the filter chain already requires a
 * bearer token, and each endpoint refuses to run without one all the same.
 *
 * @author jwt-allauth contributors
 */
final class Principals {

	private Principals() {
	}

	static JwtAllAuthPrincipal require(@Nullable JwtAllAuthPrincipal principal) {
		if (principal == null) {
			throw JwtAllAuthException.notAuthenticated();
		}
		return principal;
	}

}
