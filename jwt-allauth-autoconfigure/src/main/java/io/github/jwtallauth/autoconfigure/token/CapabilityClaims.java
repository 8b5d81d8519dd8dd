package io.github.jwtallauth.autoconfigure.token;

import java.time.Instant;

/**
 * The verified claims of a capability token (password reset or password set).
 *
 * @param subject the user id ({@code sub})
 * @param tokenId the token id ({@code jti}); its hash is the stored one-time token
 * @param csrfHash SHA-256 of the CSRF token handed out with the capability ({@code csrf})
 * @param expiresAt the expiry ({@code exp})
 * @author jwt-allauth contributors
 */
public record CapabilityClaims(String subject, String tokenId, String csrfHash, Instant expiresAt) {
}
