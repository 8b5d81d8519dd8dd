package io.github.jwtallauth.autoconfigure.session;

import org.jspecify.annotations.Nullable;

/**
 * What is recorded about the client that opened a session.
 *
 * @param ip the client IP
 * @param userAgent the raw User-Agent, truncated
 * @param browser the browser family
 * @param os the operating-system family
 * @param device the device family
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 * @author jwt-allauth contributors
 */
public record DeviceInfo(@Nullable String ip, @Nullable String userAgent, @Nullable String browser, @Nullable String os,
		@Nullable String device) {

	/** Nothing recorded: {@code jwtallauth.sessions.collect-user-agent} is off. */
	public static final DeviceInfo NONE = new DeviceInfo(null, null, null, null, null);

}
