package io.github.jwtallauth.autoconfigure.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds the absolute URLs that mails link to, from {@code jwtallauth.public-base-url}
 * plus the base path, and the relative URLs of the built-in pages. A request's Host or
 * forwarded headers never choose a link's host: whoever could set them would have reset
 * links mailed that point at a host of their choosing.
 *
 * @author jwt-allauth contributors
 */
final class PublicLinks {

	private final @Nullable String base;

	private final String basePath;

	/**
	 * Create the links of an application.
	 * @param publicBaseUrl {@code jwtallauth.public-base-url}, which must be set wherever
	 * mails with links are sent
	 * @param basePath jwt-allauth's base path
	 */
	PublicLinks(@Nullable String publicBaseUrl, String basePath) {
		this.base = (publicBaseUrl != null) ? publicBaseUrl + basePath : null;
		this.basePath = basePath;
	}

	/**
	 * Return the absolute URL of jwt-allauth's base path, for links in mails.
	 * @return the URL, without a trailing slash
	 * @throws IllegalStateException when {@code jwtallauth.public-base-url} is not set
	 */
	String base() {
		Assert.state(this.base != null, "jwtallauth.public-base-url is not set");
		return this.base;
	}

	/**
	 * Return the path of a built-in page or endpoint, relative to the server root.
	 * @param request the current request, for the context path
	 * @param path the path under the base path
	 * @return the path
	 */
	String local(HttpServletRequest request, String path) {
		return request.getContextPath() + this.basePath + path;
	}

}
