package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Published when a refresh token that was already rotated is presented again; the session
 * has been revoked. It carries what was recorded about the revoked session's client
 * (nothing unless {@code jwtallauth.sessions.collect-user-agent} is on), read before the
 * session was deleted.
 *
 * @author jwt-allauth contributors
 */
public final class RefreshTokenReuseDetectedEvent extends SessionEvent {

	private final Instant occurredAt;

	private final @Nullable String ipAddress;

	private final @Nullable String browser;

	private final @Nullable String os;

	private final @Nullable String device;

	/**
	 * Create an event that knows nothing of the revoked session's client, detected now.
	 * @param userId the user id
	 * @param sessionId the revoked session
	 */
	public RefreshTokenReuseDetectedEvent(String userId, String sessionId) {
		this(userId, sessionId, Instant.now(), null, null, null, null);
	}

	/**
	 * Create an event.
	 * @param userId the user id
	 * @param sessionId the revoked session
	 * @param occurredAt when the replayed token was presented
	 * @param ipAddress the revoked session's recorded client IP, or {@code null}
	 * @param browser its recorded browser, or {@code null}
	 * @param os its recorded operating system, or {@code null}
	 * @param device its recorded device, or {@code null}
	 */
	public RefreshTokenReuseDetectedEvent(String userId, String sessionId, Instant occurredAt,
			@Nullable String ipAddress, @Nullable String browser, @Nullable String os, @Nullable String device) {
		super(userId, sessionId);
		this.occurredAt = occurredAt;
		this.ipAddress = ipAddress;
		this.browser = browser;
		this.os = os;
		this.device = device;
	}

	/**
	 * Return when the replayed refresh token was presented.
	 * @return the time
	 */
	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	/**
	 * Return the client IP recorded with the revoked session.
	 * @return the IP, or {@code null} if none was recorded
	 */
	public @Nullable String getIpAddress() {
		return this.ipAddress;
	}

	/**
	 * Return the browser recorded with the revoked session.
	 * @return the browser, or {@code null} if none was recorded
	 */
	public @Nullable String getBrowser() {
		return this.browser;
	}

	/**
	 * Return the operating system recorded with the revoked session.
	 * @return the operating system, or {@code null} if none was recorded
	 */
	public @Nullable String getOs() {
		return this.os;
	}

	/**
	 * Return the device recorded with the revoked session.
	 * @return the device, or {@code null} if none was recorded
	 */
	public @Nullable String getDevice() {
		return this.device;
	}

}
