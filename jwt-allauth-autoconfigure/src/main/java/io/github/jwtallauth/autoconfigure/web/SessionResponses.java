package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.github.jwtallauth.autoconfigure.session.IssuedSession;

/**
 * Builds the answer of every session-opening endpoint: {@code {"access"}} plus the
 * refresh token as the cookie (cookie mode) or as {@code "refresh"} in the body (body
 * mode), never both.
 *
 * @author jwt-allauth contributors
 */
final class SessionResponses {

	private final RefreshTokenCookies cookies;

	SessionResponses(RefreshTokenCookies cookies) {
		this.cookies = cookies;
	}

	/**
	 * Deliver a session's tokens.
	 * @param session the session
	 * @param response the response, which receives the cookie in cookie mode
	 * @return the JSON body
	 */
	Map<String, Object> deliver(IssuedSession session, HttpServletResponse response) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access", session.accessToken());
		if (this.cookies.isCookieMode()) {
			this.cookies.write(response, session);
		}
		else {
			body.put("refresh", session.refreshToken());
		}
		return body;
	}

}
