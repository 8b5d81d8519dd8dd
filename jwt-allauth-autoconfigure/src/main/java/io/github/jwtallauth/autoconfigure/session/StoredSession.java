package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A device session as a {@link SessionStore} keeps it.
 *
 * @param id the session id, the {@code sid} claim of its tokens
 * @param userId the owner's user id
 * @param jti the current refresh token's id
 * @param previousJti the id of the refresh token it replaced, for the reuse grace period
 * @param rotatedAt when the current refresh token was issued by a rotation
 * @param enabled whether the session may be refreshed (false while an e-mail verification
 * is pending)
 * @param created when the session was opened
 * @param lastUsed when it was last opened or refreshed
 * @param expires when it expires unless refreshed
 * @param ip the client IP, when collected
 * @param userAgent the raw User-Agent, truncated to 512 characters, when collected
 * @param browser the parsed browser, when collected
 * @param os the parsed operating system, when collected
 * @param device the parsed device, when collected
 * @author jwt-allauth contributors
 */
public record StoredSession(String id, String userId, String jti, @Nullable String previousJti,
		@Nullable Instant rotatedAt, boolean enabled, Instant created, Instant lastUsed, Instant expires,
		@Nullable String ip, @Nullable String userAgent, @Nullable String browser, @Nullable String os,
		@Nullable String device) {
}
