package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a {@link JwtAllAuthTokenCustomizer} is told about the token being built: its type,
 * the user it is for, the device session it belongs to, and the application claims so
 * far. New information is added here as new accessors, so that customizers keep
 * compiling.
 * <p>
 * {@link #claims()} starts with the configured {@code jwtallauth.user-attributes} and the
 * claims of the customizers that ran before; change it in place. Reserved claim names
 * ({@code sub}, {@code role}, {@code sid}, ..., see
 * {@link io.github.jwtallauth.autoconfigure.TokenClaimNames#RESERVED}) are dropped with a
 * warning once every customizer has run, and values should be JSON scalars.
 *
 * @author jwt-allauth contributors
 */
public final class TokenCustomizationContext {

	private final TokenType tokenType;

	private final UserAccount user;

	private final @Nullable String sessionId;

	private final @Nullable Instant sessionIssuedAt;

	private final Map<String, @Nullable Object> claims;

	private TokenCustomizationContext(TokenType tokenType, UserAccount user, @Nullable String sessionId,
			@Nullable Instant sessionIssuedAt, Map<String, @Nullable Object> claims) {
		Assert.notNull(user, "'user' must not be null");
		Assert.notNull(claims, "'claims' must not be null");
		this.tokenType = tokenType;
		this.user = user;
		this.sessionId = sessionId;
		this.sessionIssuedAt = sessionIssuedAt;
		this.claims = new LinkedHashMap<>(claims);
	}

	/**
	 * Create the context of an access token.
	 * @param user the user the token is for
	 * @param sessionId the device session's id
	 * @param sessionIssuedAt when the device session was opened
	 * @param claims the application claims so far, copied
	 * @return the context
	 */
	public static TokenCustomizationContext forAccessToken(UserAccount user, String sessionId, Instant sessionIssuedAt,
			Map<String, @Nullable Object> claims) {
		Assert.hasText(sessionId, "'sessionId' must not be empty");
		Assert.notNull(sessionIssuedAt, "'sessionIssuedAt' must not be null");
		return new TokenCustomizationContext(TokenType.ACCESS, user, sessionId, sessionIssuedAt, claims);
	}

	/**
	 * Return the type of the token being built.
	 * @return the token type
	 */
	public TokenType tokenType() {
		return this.tokenType;
	}

	/**
	 * Return the user the token is for, as read at login or at this refresh.
	 * @return the user
	 */
	public UserAccount user() {
		return this.user;
	}

	/**
	 * Return the id of the device session the token belongs to (its {@code sid} claim).
	 * @return the session id, or {@code null} for a token outside any session (a
	 * capability)
	 */
	public @Nullable String sessionId() {
		return this.sessionId;
	}

	/**
	 * Return when the device session was opened (its {@code session_iat} claim); it stays
	 * the same across refreshes.
	 * @return the session's start, or {@code null} for a token outside any session (a
	 * capability)
	 */
	public @Nullable Instant sessionIssuedAt() {
		return this.sessionIssuedAt;
	}

	/**
	 * Return the application claims of the token, to change in place.
	 * @return the mutable claims
	 */
	public Map<String, @Nullable Object> claims() {
		return this.claims;
	}

	/**
	 * The kinds of token jwt-allauth issues.
	 */
	public enum TokenType {

		/**
		 * Access token: sent by the client as a bearer token; customizers are invoked.
		 */
		ACCESS,

		/**
		 * Refresh token: read by this server only, with fixed claims; customizers are not
		 * invoked.
		 */
		REFRESH,

		/**
		 * Password reset or set capability: read by this server only, with fixed claims;
		 * customizers are not invoked.
		 */
		CAPABILITY

	}

}
