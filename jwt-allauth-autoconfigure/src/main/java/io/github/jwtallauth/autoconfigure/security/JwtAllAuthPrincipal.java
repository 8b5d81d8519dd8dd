package io.github.jwtallauth.autoconfigure.security;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.token.AccessTokenClaims;

/**
 * The authenticated user of a request, built from the verified access token alone. Inject
 * it with {@code @AuthenticationPrincipal JwtAllAuthPrincipal principal}.
 *
 * @param subject the user id ({@code sub})
 * @param sessionId the device session ({@code sid})
 * @param sessionIssuedAt when the device session was opened ({@code session_iat})
 * @param role the integer role ({@code role})
 * @param emailVerified whether the user's e-mail address is verified
 * ({@code email_verified})
 * @param attributes the configured user-attribute claims
 * @param tokenId the access token's id ({@code jti})
 * @param expiresAt when the access token expires ({@code exp})
 * @author jwt-allauth contributors
 */
public record JwtAllAuthPrincipal(String subject, String sessionId, Instant sessionIssuedAt, int role,
		boolean emailVerified, Map<String, @Nullable Object> attributes, String tokenId,
		Instant expiresAt) implements Principal, Serializable {

	public JwtAllAuthPrincipal {
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	/**
	 * The principal of a verified access token.
	 * @param claims what the token says
	 * @return the principal
	 */
	public static JwtAllAuthPrincipal of(AccessTokenClaims claims) {
		return new JwtAllAuthPrincipal(claims.subject(), claims.sessionId(), claims.sessionIssuedAt(), claims.role(),
				claims.emailVerified(), claims.attributes(), claims.tokenId(), claims.expiresAt());
	}

	@Override
	public String getName() {
		return this.subject;
	}

	/**
	 * Return a configured user-attribute claim.
	 * @param claim the claim name
	 * @return the claim's value, or {@code null}
	 */
	public @Nullable Object attribute(String claim) {
		return this.attributes.get(claim);
	}

}
