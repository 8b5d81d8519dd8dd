package io.github.jwtallauth.autoconfigure.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.token.InvalidTokenException;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Turns a bearer access token into an {@link JwtAllAuthAuthenticationToken} without
 * touching the database. Verified tokens are kept in a bounded cache
 * ({@link VerifiedTokenCache}) until they expire, so a client that sends the same token
 * many times pays for one signature check; with
 * {@code jwtallauth.jwt.access-session-check} one indexed lookup confirms the session is
 * still live.
 *
 * @author jwt-allauth contributors
 */
final class AccessTokenAuthenticator {

	private final TokenService tokens;

	private final JwtAllAuthRoles roles;

	private final SessionService sessions;

	private final boolean sessionCheck;

	private final Clock clock;

	private final Duration clockSkew;

	private final VerifiedTokenCache verified;

	AccessTokenAuthenticator(TokenService tokens, Map<Integer, String> roles, SessionService sessions,
			boolean sessionCheck, VerifiedTokenCache verified, Duration clockSkew, Clock clock) {
		Assert.notNull(tokens, "'tokens' must not be null");
		Assert.notNull(sessions, "'sessions' must not be null");
		this.tokens = tokens;
		this.roles = JwtAllAuthRoles.of(roles);
		this.sessions = sessions;
		this.sessionCheck = sessionCheck;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.verified = verified;
	}

	/**
	 * Authenticate an access token.
	 * @param token the compact token from the {@code Authorization} header
	 * @return the authentication
	 * @throws InvalidAccessTokenException if the token is invalid, expired or its session
	 * revoked
	 */
	JwtAllAuthAuthenticationToken authenticate(String token) {
		JwtAllAuthPrincipal principal = this.verified.get(token);
		if (principal == null || !principal.expiresAt().plus(this.clockSkew).isAfter(this.clock.instant())) {
			try {
				principal = JwtAllAuthPrincipal.of(this.tokens.verifyAccessToken(token));
			}
			catch (InvalidTokenException ex) {
				throw new InvalidAccessTokenException(ex.getMessage(), false);
			}
			this.verified.put(token, principal);
		}
		if (this.sessionCheck && !this.sessions.isActive(principal.sessionId())) {
			throw new InvalidAccessTokenException("Session is no longer active", true);
		}
		return this.roles.authenticationFor(principal);
	}

}
