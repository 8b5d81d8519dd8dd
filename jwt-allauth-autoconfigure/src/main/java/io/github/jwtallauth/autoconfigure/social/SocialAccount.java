package io.github.jwtallauth.autoconfigure.social;

import java.time.Instant;

/**
 * A provider account linked to a jwt-allauth user: a row of
 * {@code jwt_allauth_social_account}. No token or profile data of the provider is kept.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @param id the row id
 * @param provider the registration id of the provider
 * @param uid the provider's id of the user
 * @param userId the jwt-allauth user
 * @param lastLogin when the link last signed the user in
 * @param dateJoined when the link was made
 * @author jwt-allauth contributors
 */
public record SocialAccount(long id, String provider, String uid, String userId, Instant lastLogin,
		Instant dateJoined) {

}
