package io.github.jwtallauth.autoconfigure.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Adds claims of the application's own to a user's access tokens, computed when the
 * tokens are issued (at login and on every refresh). Beans of this type keep working:
 * they are {@link JwtAllAuthTokenCustomizer}s, run in the same {@code @Order} as those,
 * for access tokens only.
 *
 * @author jwt-allauth contributors
 * @deprecated since 0.1.0, for removal in the release after it, in favour of
 * {@link JwtAllAuthTokenCustomizer}, whose context also tells the token type and the
 * session and can grow without breaking customizers
 */
@FunctionalInterface
@Deprecated(since = "0.1.0", forRemoval = true)
public interface TokenClaimsCustomizer extends JwtAllAuthTokenCustomizer {

	/**
	 * Add or replace claims.
	 * @param user the user the tokens are for
	 * @param claims the claims so far, to change in place
	 */
	void customize(UserAccount user, Map<String, @Nullable Object> claims);

	/**
	 * Adapt this customizer to a token context: call {@link #customize(UserAccount, Map)}
	 * for access tokens, the only ones these customizers ever changed.
	 * @param context the token being built
	 */
	@Override
	default void customize(TokenCustomizationContext context) {
		if (context.tokenType() == TokenCustomizationContext.TokenType.ACCESS) {
			customize(context.user(), context.claims());
		}
	}

}
