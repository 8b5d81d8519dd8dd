package io.github.jwtallauth.autoconfigure.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a token says about its user: read from the account on login and on every refresh.
 *
 * @param userId the user id, the {@code sub} claim
 * @param role the integer role
 * @param emailVerified whether the e-mail address is verified
 * @param attributes the configured user-attribute claims
 * @author jwt-allauth contributors
 */
public record TokenSubject(String userId, int role, boolean emailVerified, Map<String, @Nullable Object> attributes) {

	public TokenSubject {
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

}
