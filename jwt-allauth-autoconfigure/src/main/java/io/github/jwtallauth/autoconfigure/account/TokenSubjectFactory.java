package io.github.jwtallauth.autoconfigure.account;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.TokenClaimNames;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * Turns a {@link UserAccount} into the claims of its access token: the configured
 * {@code jwtallauth.user-attributes}, read from the account's bean properties, then
 * whatever the {@link JwtAllAuthTokenCustomizer} beans add, in order.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class TokenSubjectFactory {

	private static final Log logger = LogFactory.getLog(TokenSubjectFactory.class);

	private final Map<String, String> userAttributes;

	private final List<JwtAllAuthTokenCustomizer> customizers;

	/**
	 * Create a factory.
	 * @param userAttributes claim name to bean property path
	 * @param customizers customizers that add claims of their own, in order
	 */
	public TokenSubjectFactory(Map<String, String> userAttributes,
			List<? extends JwtAllAuthTokenCustomizer> customizers) {
		Assert.notNull(customizers, "'customizers' must not be null");
		this.customizers = List.copyOf(customizers);
		Assert.notNull(userAttributes, "'userAttributes' must not be null");
		this.userAttributes = Map.copyOf(userAttributes);
	}

	/**
	 * Build the token subject of a user, for the access tokens of a device session.
	 * @param account the user
	 * @param session the device session the tokens belong to
	 * @return its claims
	 */
	public TokenSubject create(UserAccount account, SessionTokenClaims session) {
		Assert.notNull(session, "'session' must not be null");
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		if (!this.userAttributes.isEmpty()) {
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(account);
			this.userAttributes.forEach((claim, path) -> attributes.put(claim, read(wrapper, path)));
		}
		TokenCustomizationContext context = TokenCustomizationContext.forAccessToken(account, session.sessionId(),
				session.sessionIssuedAt(), attributes);
		for (JwtAllAuthTokenCustomizer customizer : this.customizers) {
			customizer.customize(context);
		}
		Map<String, @Nullable Object> claims = context.claims();
		claims.keySet().removeIf((claim) -> {
			if (TokenClaimNames.RESERVED.contains(claim)) {
				logger
					.warn(LogMessage.format("Ignored reserved claim '%s' added by a JwtAllAuthTokenCustomizer", claim));
				return true;
			}
			return false;
		});
		return new TokenSubject(account.getId(), account.getRole(), account.isEmailVerified(), claims);
	}

	// Claims must serialize as JSON: keep JSON scalars, render everything else as text
	// rather than
	// failing a login (the original answered 500 for a date attribute).
	private static @Nullable Object read(BeanWrapper wrapper, String path) {
		Object value;
		try {
			value = wrapper.getPropertyValue(path);
		}
		catch (BeansException ex) {
			return null;
		}
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
			return value.toString();
		}
		return String.valueOf(value);
	}

}
