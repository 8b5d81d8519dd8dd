package io.github.jwtallauth.autoconfigure.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Adds claims of the application's own to a user's tokens, computed when the tokens are
 * issued (at login and on every refresh). Declare beans of this type; they run in order
 * after the configured {@code jwtallauth.user-attributes}. Claims appear in the
 * access-token principal's {@code attributes()}. Reserved claim names ({@code sub},
 * {@code role}, {@code sid}, ...) are ignored, and values should be JSON scalars.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface TokenClaimsCustomizer {

	/**
	 * Add or replace claims.
	 * @param user the user the tokens are for
	 * @param claims the claims so far, to change in place
	 */
	void customize(UserAccount user, Map<String, @Nullable Object> claims);

}
