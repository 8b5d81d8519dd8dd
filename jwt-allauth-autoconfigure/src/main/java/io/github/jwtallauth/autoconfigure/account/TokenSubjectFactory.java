package io.github.jwtallauth.autoconfigure.account;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * Turns a {@link UserAccount} into the claims of its tokens, reading the configured
 * {@code jwtallauth.user-attributes} from the account's bean properties.
 *
 * @author jwt-allauth contributors
 */
public final class TokenSubjectFactory {

	private final Map<String, String> userAttributes;

	/**
	 * Create a factory.
	 * @param userAttributes claim name to bean property path
	 */
	public TokenSubjectFactory(Map<String, String> userAttributes) {
		Assert.notNull(userAttributes, "'userAttributes' must not be null");
		userAttributes.forEach((claim, path) -> {
			if (path.toLowerCase(java.util.Locale.ROOT).contains("password")) {
				// a token is readable by anyone who holds it: never put a credential in one
				throw new InvalidConfigurationPropertyValueException("jwtallauth.user-attributes." + claim, path,
						"a password (or its hash) must not become a token claim");
			}
		});
		this.userAttributes = Map.copyOf(userAttributes);
	}

	/**
	 * Build the token subject of a user.
	 * @param account the user
	 * @return its claims
	 */
	public TokenSubject create(UserAccount account) {
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		if (!this.userAttributes.isEmpty()) {
			BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(account);
			this.userAttributes.forEach((claim, path) -> attributes.put(claim, read(wrapper, path)));
		}
		return new TokenSubject(account.getId(), account.getRole(), account.isEmailVerified(), attributes);
	}

	// Claims must serialize as JSON: keep JSON scalars, render everything else as text rather than
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
