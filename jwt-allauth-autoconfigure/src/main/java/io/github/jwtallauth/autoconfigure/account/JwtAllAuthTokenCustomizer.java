package io.github.jwtallauth.autoconfigure.account;

/**
 * Adds claims of the application's own to the tokens jwt-allauth issues. Declare any
 * number of beans of this type; they run in {@code @Order}, after the configured
 * {@code jwtallauth.user-attributes}, each time a token is built: at login and on every
 * refresh. Everything a customizer may want to know comes in the
 * {@link TokenCustomizationContext}, so that what is passed can grow without breaking
 * existing customizers.
 * <p>
 * Customizers are invoked for {@link TokenCustomizationContext.TokenType#ACCESS access
 * tokens} only: refresh and capability tokens are read by this server alone and carry a
 * fixed, minimal set of claims. A customizer that means its claims for access tokens only
 * may still check {@link TokenCustomizationContext#tokenType()}, and so stays correct
 * should other token types be passed in a later release.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface JwtAllAuthTokenCustomizer {

	/**
	 * Customize the claims of a token being built, by changing
	 * {@link TokenCustomizationContext#claims()} in place.
	 * @param context the token being built
	 */
	void customize(TokenCustomizationContext context);

}
