package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RefreshCookie;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Refuses a cookie-mode {@code POST /refresh} that a browser sends on behalf of a page of
 * another origin. The browser attaches the refresh cookie to such a request whenever its
 * SameSite attribute lets it (always for a sibling subdomain, for every site with
 * {@code SameSite=None}); the page never sees the rotated token, but a forced rotation
 * racing the real client looks like a replay and ends the session.
 * <p>
 * Allowed are the origin of {@code jwtallauth.public-base-url} and
 * {@code jwtallauth.refresh-cookie.allowed-origins}. A request whose {@code Origin}
 * header is present and not one of them is refused, as is one without {@code Origin}
 * whose {@code Sec-Fetch-Site} is {@code cross-site} or {@code same-site}. A request with
 * neither header (a native client, curl) is served: only browsers attach cookies on
 * another site's behalf, and browsers send one of the two. In body mode the check does
 * nothing: a page of another origin cannot read the token it would need.
 *
 * @author jwt-allauth contributors
 */
final class RefreshOriginCheck {

	private static final Log logger = LogFactory.getLog(RefreshOriginCheck.class);

	private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	private final boolean cookieMode;

	private final List<AllowedOrigin> allowed;

	/**
	 * Create the check from the configured origins.
	 * @param cookie the refresh-cookie settings: cookie mode and the allowed origins
	 * @param publicBaseUrl {@code jwtallauth.public-base-url}, whose origin is allowed,
	 * or {@code null}
	 */
	RefreshOriginCheck(RefreshCookie cookie, @Nullable String publicBaseUrl) {
		Assert.notNull(cookie, "'cookie' must not be null");
		this.cookieMode = cookie.enabled();
		List<AllowedOrigin> allowed = new ArrayList<>();
		if (publicBaseUrl != null) {
			allowed.add(new AllowedOrigin(originOf(publicBaseUrl)));
		}
		for (String origin : cookie.allowedOrigins()) {
			allowed.add(new AllowedOrigin(origin));
		}
		this.allowed = List.copyOf(allowed);
		if (this.cookieMode && this.allowed.isEmpty()) {
			// browsers send Origin with every POST, same-origin ones included
			logger.warn("Neither jwtallauth.public-base-url nor jwtallauth.refresh-cookie.allowed-origins is set: "
					+ "browsers cannot refresh in cookie mode (403 csrf_failed); set the origin of your front end");
		}
	}

	/**
	 * Check that a refresh request may use the refresh cookie.
	 * @param request the refresh request
	 * @throws JwtAllAuthException 403 {@code csrf_failed} when a browser sent it for
	 * another origin
	 */
	void check(HttpServletRequest request) {
		if (!this.cookieMode) {
			return;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null) {
			// "null" (sandboxed frames, data: URLs, some redirects) never matches an
			// allowed origin
			if (!isAllowed(origin)) {
				logger.debug(LogMessage.format("Refused refresh: Origin '%s' is not allowed", origin));
				throw csrfFailed();
			}
			return;
		}
		String site = request.getHeader(SEC_FETCH_SITE);
		if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
			logger.debug(LogMessage.format("Refused refresh: Sec-Fetch-Site is '%s' and there is no Origin", site));
			throw csrfFailed();
		}
	}

	private boolean isAllowed(String origin) {
		for (AllowedOrigin candidate : this.allowed) {
			if (candidate.matches(origin)) {
				return true;
			}
		}
		return false;
	}

	private static JwtAllAuthException csrfFailed() {
		return new JwtAllAuthException(ErrorCode.CSRF_ORIGIN);
	}

	// public-base-url is already validated as http(s)://host[:port][/path], without user
	// info
	private static String originOf(String publicBaseUrl) {
		int authorityStart = publicBaseUrl.indexOf("://") + 3;
		int pathStart = publicBaseUrl.indexOf('/', authorityStart);
		String scheme = publicBaseUrl.substring(0, authorityStart - 3).toLowerCase(Locale.ROOT);
		String authority = publicBaseUrl.substring(authorityStart, (pathStart < 0) ? publicBaseUrl.length() : pathStart)
			.toLowerCase(Locale.ROOT);
		String defaultPort = defaultPort(scheme);
		if (defaultPort != null && authority.endsWith(":" + defaultPort)) {
			authority = authority.substring(0, authority.length() - defaultPort.length() - 1);
		}
		return scheme + "://" + authority;
	}

	private static @Nullable String defaultPort(String scheme) {
		return switch (scheme) {
			case "https" -> "443";
			case "http" -> "80";
			default -> null;
		};
	}

	/**
	 * One allowed origin, lower-case without its default port.
	 *
	 * @param origin the origin
	 * @param defaultPortSuffix {@code ":443"} or {@code ":80"} when an Origin header
	 * spelling out the scheme's default port names the same origin, else {@code null}
	 */
	private record AllowedOrigin(String origin, @Nullable String defaultPortSuffix) {

		AllowedOrigin(String origin) {
			this(origin, defaultPortSuffix(origin));
		}

		private static @Nullable String defaultPortSuffix(String origin) {
			String port = defaultPort(origin.substring(0, origin.indexOf(':')));
			boolean explicitPort = origin.matches(".*:[0-9]+");
			return (port != null && !explicitPort) ? ":" + port : null;
		}

		// Browsers serialise the Origin header lower-case without a default port; other
		// clients may
		// not, and comparing in place keeps the request path free of allocations.
		boolean matches(String header) {
			int length = this.origin.length();
			if (!header.regionMatches(true, 0, this.origin, 0, length)) {
				return false;
			}
			if (header.length() == length) {
				return true;
			}
			String suffix = this.defaultPortSuffix;
			return suffix != null && header.length() == length + suffix.length()
					&& header.regionMatches(length, suffix, 0, suffix.length());
		}

	}

}
