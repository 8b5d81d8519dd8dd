package io.github.jwtallauth.autoconfigure.social;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Verifies the credentials a client obtained from a provider and reads who the user is.
 *
 * @author jwt-allauth contributors
 */
final class SocialTokenVerifier {

	/**
	 * Verify an OpenID Connect ID token against the provider's JWK set: signature,
	 * issuer, audience (the registration's client id), expiry, and the nonce when one is
	 * given.
	 * @param registration the provider's client registration
	 * @param idToken the ID token
	 * @param nonce the nonce the client sent with its authorization request, or null
	 * @return who the user is
	 * @throws io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException
	 * {@code INVALID_SOCIAL_TOKEN} when it does not verify, {@code FLOW_NOT_SUPPORTED}
	 * when the provider publishes no JWK set
	 */
	SocialIdentity verifyIdToken(ClientRegistration registration, String idToken, @Nullable String nonce) {
		throw new UnsupportedOperationException("not yet");
	}

}
