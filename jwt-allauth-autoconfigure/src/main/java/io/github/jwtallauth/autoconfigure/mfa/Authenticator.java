package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An active authenticator of a user, as {@link MfaService#authenticators(String)} lists
 * it (never its secret).
 *
 * @param id the authenticator's id
 * @param type {@code totp} or {@code recovery_codes}
 * @param createdAt when it was activated
 * @param lastUsedAt when it last let the user in, or {@code null} if never
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 * @author jwt-allauth contributors
 */
public record Authenticator(long id, String type, Instant createdAt, @Nullable Instant lastUsedAt) {

	static Authenticator of(MfaStore.Authenticator row) {
		return new Authenticator(row.id(), row.type(), row.created(), row.lastUsed());
	}

}
