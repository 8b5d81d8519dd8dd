package io.github.jwtallauth.autoconfigure.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Tells jwt-allauth's own paths (everything under the base path, the JWK set and the
 * discovery document) from the application's, so that the parts answering failures with
 * problem documents leave the application's requests to the application's error handling.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthPaths {

	private final String basePath;

	private final String jwksPath;

	private final String discoveryPath;

	/**
	 * Create the matcher.
	 * @param basePath jwt-allauth's base path
	 * @param jwksPath the path of the JWK set
	 * @param discoveryPath the path of the discovery document
	 */
	public JwtAllAuthPaths(String basePath, String jwksPath, String discoveryPath) {
		Assert.hasText(basePath, "'basePath' must not be empty");
		Assert.hasText(jwksPath, "'jwksPath' must not be empty");
		Assert.hasText(discoveryPath, "'discoveryPath' must not be empty");
		this.basePath = basePath;
		this.jwksPath = jwksPath;
		this.discoveryPath = discoveryPath;
	}

	/**
	 * Whether a request is to one of jwt-allauth's paths, judged on its URI as sent (not
	 * decoded, not normalised), which is all there is of a request the server refused to
	 * parse.
	 * @param request the request
	 * @return whether the path is jwt-allauth's
	 */
	public boolean matches(HttpServletRequest request) {
		return matches(request.getRequestURI(), request.getContextPath());
	}

	/**
	 * Whether a request URI, as sent, is one of jwt-allauth's paths.
	 * @param requestUri the URI as sent, possibly absent when the request line was
	 * unreadable
	 * @param contextPath the context path of the application
	 * @return whether the path is jwt-allauth's
	 */
	public boolean matches(@Nullable String requestUri, @Nullable String contextPath) {
		if (requestUri == null) {
			return false;
		}
		String path = requestUri;
		if (contextPath != null && !contextPath.isEmpty()) {
			if (!path.startsWith(contextPath)) {
				return false;
			}
			path = path.substring(contextPath.length());
		}
		return path.equals(this.basePath) || path.startsWith(this.basePath + "/") || path.equals(this.jwksPath)
				|| path.equals(this.jwksPath + "/") || path.equals(this.discoveryPath)
				|| path.equals(this.discoveryPath + "/");
	}

}
