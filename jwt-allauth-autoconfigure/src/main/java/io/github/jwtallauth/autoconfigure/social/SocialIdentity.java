package io.github.jwtallauth.autoconfigure.social;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who a provider says the user is, once the provider's credential has been verified.
 *
 * @param provider the registration id of the provider
 * @param uid the provider's stable id of the user (an ID token's {@code sub})
 * @param verifiedEmails the addresses the provider says it has verified, lower-cased
 * @param email the user's primary address at the provider, verified or not, if any
 * @param firstName the given name, or empty
 * @param lastName the family name, or empty
 * @author jwt-allauth contributors
 */
public record SocialIdentity(String provider, String uid, List<String> verifiedEmails, @Nullable String email,
		String firstName, String lastName) {

	public SocialIdentity {
		verifiedEmails = List.copyOf(verifiedEmails);
	}

}
