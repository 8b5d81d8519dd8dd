package io.github.jwtallauth.autoconfigure.social;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

/**
 * Reads what providers say of a user, the same way for an ID token and a user-info
 * answer: OpenID Connect's standard claims, and the loose types some providers send.
 *
 * @author jwt-allauth contributors
 */
final class ProviderClaims {

	private ProviderClaims() {
	}

	/**
	 * Who the user is by OpenID Connect's standard claims: {@code email} counts as
	 * verified only with {@code email_verified}, and only in the one form the library
	 * stores and compares.
	 * @param provider the registration id
	 * @param uid the provider's id of the user
	 * @param claims the claims or the user-info answer
	 * @return the identity
	 */
	static SocialIdentity openIdIdentity(String provider, String uid, Map<String, Object> claims) {
		String email = text(claims.get(StandardClaimNames.EMAIL));
		List<String> verifiedEmails = List.of();
		if (email != null && isTrue(claims.get(StandardClaimNames.EMAIL_VERIFIED))) {
			verifiedEmails = EmailAddresses.parse(email).map(List::of).orElse(List.of());
		}
		return new SocialIdentity(provider, uid, verifiedEmails, email,
				orEmpty(text(claims.get(StandardClaimNames.GIVEN_NAME))),
				orEmpty(text(claims.get(StandardClaimNames.FAMILY_NAME))));
	}

	/** Whether a flag is set; some providers (Apple) send it as a string. */
	static boolean isTrue(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || "true".equals(value);
	}

	/** A string value, or {@code null} for anything else. */
	static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	/** A value, or empty for {@code null}. */
	static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
