package io.github.jwtallauth.autoconfigure.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.WebUtils;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RefreshCookie;
import io.github.jwtallauth.autoconfigure.session.IssuedSession;

/**
 * Reads, writes and clears the refresh-token cookie according to
 * {@code jwtallauth.refresh-cookie.*}.
 *
 * @author jwt-allauth contributors
 */
final class RefreshTokenCookies {

	private final RefreshCookie cookie;

	private final Duration refreshLifetime;

	private final boolean capToSession;

	private final Clock clock;

	/**
	 * Create the cookie handling.
	 * @param cookie the cookie settings
	 * @param refreshLifetime the refresh-token lifetime, the cookie's default max age
	 * @param capToSession whether sessions have an absolute lifetime that the cookie's
	 * max age must not outlast
	 * @param clock the clock
	 */
	RefreshTokenCookies(RefreshCookie cookie, Duration refreshLifetime, boolean capToSession, Clock clock) {
		this.cookie = cookie;
		this.refreshLifetime = refreshLifetime;
		this.capToSession = capToSession;
		this.clock = clock;
	}

	/**
	 * Whether refresh tokens travel in the cookie (cookie mode) rather than in the body.
	 * @return whether cookie mode is on
	 */
	boolean isCookieMode() {
		return this.cookie.enabled();
	}

	/**
	 * Read the refresh token from the cookie.
	 * @param request the request
	 * @return the token, or {@code null}
	 */
	@Nullable String read(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, this.cookie.name());
		return (cookie != null && !cookie.getValue().isEmpty()) ? cookie.getValue() : null;
	}

	/**
	 * Set the cookie holding a session's refresh token.
	 * @param response the response
	 * @param session the session
	 */
	void write(HttpServletResponse response, IssuedSession session) {
		ResponseCookie.ResponseCookieBuilder builder = base(session.refreshToken());
		Duration maxAge = (this.cookie.maxAge() != null) ? this.cookie.maxAge() : this.refreshLifetime;
		if (!maxAge.isNegative()) {
			if (this.capToSession) {
				Duration untilExpiry = Duration.between(this.clock.instant(), session.refreshExpiresAt());
				if (untilExpiry.compareTo(maxAge) < 0) {
					maxAge = untilExpiry.isNegative() ? Duration.ZERO : untilExpiry;
				}
			}
			builder.maxAge(maxAge.toSeconds());
		}
		response.addHeader(HttpHeaders.SET_COOKIE, builder.build().toString());
	}

	/**
	 * Clear the cookie, with the same path and domain it was set with.
	 * @param response the response
	 */
	void clear(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, base("").maxAge(0).build().toString());
	}

	private ResponseCookie.ResponseCookieBuilder base(String value) {
		ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(this.cookie.name(), value)
			.httpOnly(this.cookie.httpOnly())
			.secure(this.cookie.secure())
			.sameSite(this.cookie.sameSite())
			.path(this.cookie.path());
		if (this.cookie.domain() != null && !this.cookie.domain().isBlank()) {
			builder.domain(this.cookie.domain());
		}
		return builder;
	}

}
