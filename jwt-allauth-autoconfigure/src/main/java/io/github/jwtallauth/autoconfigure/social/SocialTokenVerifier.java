package io.github.jwtallauth.autoconfigure.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Verifies the credentials a client obtained from a provider and reads who the user is.
 * ID tokens are checked with Spring Security's OpenID Connect pieces, by a decoder built
 * once per registration so that the provider's keys are fetched once and then only when
 * they rotate.
 *
 * @author jwt-allauth contributors
 */
final class SocialTokenVerifier {

	private static final Log logger = LogFactory.getLog(SocialTokenVerifier.class);

	private final Clock clock;

	// by registration id: Spring Boot's registrations are fixed once the application
	// has started
	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Create a verifier.
	 * @param clock the clock the expiry and issue time of a token are checked against
	 */
	SocialTokenVerifier(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Verify an OpenID Connect ID token against the provider's JWK set: signature,
	 * issuer, audience (the registration's client id), expiry, and the nonce when one is
	 * given.
	 * @param registration the provider's client registration
	 * @param idToken the ID token
	 * @param nonce the nonce the client sent with its authorization request, or null
	 * @return who the user is
	 * @throws JwtAllAuthException {@code INVALID_SOCIAL_TOKEN} when it does not verify,
	 * {@code FLOW_NOT_SUPPORTED} when the provider publishes no JWK set
	 */
	SocialIdentity verifyIdToken(ClientRegistration registration, String idToken, @Nullable String nonce) {
		String provider = registration.getRegistrationId();
		if (!StringUtils.hasText(registration.getProviderDetails().getJwkSetUri())) {
			// without the provider's keys an ID token is only the client's word
			throw new JwtAllAuthException(ErrorCode.FLOW_NOT_SUPPORTED);
		}
		Jwt jwt = decode(registration, idToken);
		if (nonce != null && !nonceMatches(nonce, jwt.getClaims().get(IdTokenClaimNames.NONCE))) {
			logger.debug(LogMessage.format("ID token from '%s' refused: its nonce is not the one sent", provider));
			throw invalid();
		}
		String uid = jwt.getSubject();
		if (!StringUtils.hasText(uid)) {
			logger.debug(LogMessage.format("ID token from '%s' refused: no subject", provider));
			throw invalid();
		}
		return ProviderClaims.openIdIdentity(provider, uid, jwt.getClaims());
	}

	private Jwt decode(ClientRegistration registration, String idToken) {
		try {
			return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> decoder(registration))
				.decode(idToken);
		}
		catch (RuntimeException ex) {
			// the reason (a claim value, a key id) is for whoever debugs the provider,
			// never for the client
			logger.debug(LogMessage.format("ID token from '%s' refused", registration.getRegistrationId()), ex);
			throw invalid();
		}
	}

	private static boolean nonceMatches(String expected, @Nullable Object actual) {
		// constant time: how much of a guessed nonce matched must not show in the timing
		return actual instanceof String text && MessageDigest.isEqual(text.getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	private static JwtAllAuthException invalid() {
		return new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN);
	}

	/**
	 * The decoder {@link OidcIdTokenDecoderFactory} builds, with its validators and claim
	 * conversion, except in two ways: it accepts every asymmetric algorithm, where the
	 * factory pins one per registration (RS256 unless told otherwise) and a provider's
	 * discovery document may list several without saying which it signs with; and it is
	 * kept, where the factory builds a new one, with an empty key cache, on every call.
	 * {@link SignatureAlgorithm} holds only asymmetric algorithms: never an HMAC one,
	 * which would make the client secret the key, nor {@code none}.
	 */
	private JwtDecoder decoder(ClientRegistration registration) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
			.jwsAlgorithms((algorithms) -> algorithms.addAll(EnumSet.allOf(SignatureAlgorithm.class)))
			.build();
		decoder.setJwtValidator(validator(registration));
		decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
		return decoder;
	}

	/** Spring Security's checks of an ID token, against this verifier's clock. */
	private OAuth2TokenValidator<Jwt> validator(ClientRegistration registration) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(this.clock);
		OidcIdTokenValidator idToken = new OidcIdTokenValidator(registration);
		idToken.setClock(this.clock);
		return JwtValidators.createDefaultWithValidators(timestamps, idToken);
	}

}
