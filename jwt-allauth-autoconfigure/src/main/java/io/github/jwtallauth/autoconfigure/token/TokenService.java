package io.github.jwtallauth.autoconfigure.token;

import java.time.Instant;
import java.util.Map;

/**
 * Creates and verifies jwt-allauth's tokens. Declare a bean of this type to replace the
 * default {@link JjwtTokenService}.
 *
 * @author jwt-allauth contributors
 */
public interface TokenService {

	/**
	 * Create an access token.
	 * @param subject the user
	 * @param session the device session
	 * @return the signed token
	 */
	String createAccessToken(TokenSubject subject, SessionTokenClaims session);

	/**
	 * Create a refresh token. The same arguments always give the same token, so that a
	 * successor handed out again within the reuse grace period is identical.
	 * @param subject the user
	 * @param session the device session
	 * @param tokenId the token's {@code jti}, stored as the session's current one
	 * @param issuedAt the issue time, whole seconds
	 * @param expiresAt the expiry, whole seconds
	 * @return the signed token
	 */
	String createRefreshToken(TokenSubject subject, SessionTokenClaims session, String tokenId, Instant issuedAt,
			Instant expiresAt);

	/**
	 * Verify an access token without touching any store.
	 * @param token the compact token
	 * @return what the token says
	 * @throws InvalidTokenException if the token is not a valid access token
	 */
	AccessTokenClaims verifyAccessToken(String token);

	/**
	 * Verify a refresh token's signature, type and expiry. Whether it is still the
	 * session's current one is for the session store to decide.
	 * @param token the compact token
	 * @return its claims
	 * @throws InvalidTokenException if the token is not a valid refresh token
	 */
	RefreshTokenClaims verifyRefreshToken(String token);

	/**
	 * Return the public keys as a JWK set document, or an empty map with a symmetric
	 * algorithm.
	 * @return the JWK set
	 */
	Map<String, Object> jwkSet();

	/**
	 * Create a capability token: the one-time permission, carried by an HttpOnly cookie,
	 * to set a user's password. It is signed with the server-only refresh key and has its
	 * own {@code token_type}, so it is never accepted as an access or refresh token.
	 * @param type {@link #PASSWORD_RESET_CAPABILITY} or {@link #PASSWORD_SET_CAPABILITY}
	 * @param userId the user
	 * @param tokenId the token id
	 * @param csrfHash SHA-256 of the CSRF token that must accompany the capability
	 * @param expiresAt the expiry
	 * @return the token
	 */
	String createCapabilityToken(String type, String userId, String tokenId, String csrfHash, Instant expiresAt);

	/**
	 * Verify a capability token of the given type.
	 * @param type the expected {@code token_type}
	 * @param token the token
	 * @return its claims
	 * @throws InvalidTokenException if the token is not a valid, unexpired capability of
	 * that type
	 */
	CapabilityClaims verifyCapabilityToken(String type, String token);

	/** {@code token_type} of password-reset capabilities. */
	String PASSWORD_RESET_CAPABILITY = "pass_reset";

	/** {@code token_type} of password-set (invitation) capabilities. */
	String PASSWORD_SET_CAPABILITY = "pass_set";

}
