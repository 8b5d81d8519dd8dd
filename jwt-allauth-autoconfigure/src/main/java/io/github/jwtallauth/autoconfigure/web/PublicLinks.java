package io.github.jwtallauth.autoconfigure.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Builds the absolute URLs that mails link to: {@code jwtallauth.public-base-url} plus the base path
 * when it is set, otherwise the request's own origin and context path (which trusts the Host header,
 * hence the start-up warning), and the relative URLs of the built-in pages.
 *
 * @author jwt-allauth contributors
 */
public class PublicLinks {

	private static final Log logger = LogFactory.getLog(PublicLinks.class);

	private final @Nullable String publicBaseUrl;

	private final String basePath;

	public PublicLinks(JwtAllAuthProperties properties) {
		this.publicBaseUrl = properties.publicBaseUrl();
		this.basePath = properties.basePath();
		if (this.publicBaseUrl == null) {
			logger.warn("jwtallauth.public-base-url is not set: links in mails are built from each request's Host "
					+ "header, so anyone can have a reset link mailed that points at a host of their choosing. "
					+ "Set it in production (e.g. jwtallauth.public-base-url=https://example.com).");
		}
	}

	/**
	 * Return the absolute URL of jwt-allauth's base path, for links in mails.
	 * @param request the current request
	 * @return the URL, without a trailing slash
	 */
	public String base(HttpServletRequest request) {
		String origin = (this.publicBaseUrl != null) ? this.publicBaseUrl
				: ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
		return origin + this.basePath;
	}

	/**
	 * Return the path of a built-in page or endpoint, relative to the server root.
	 * @param request the current request, for the context path
	 * @param path the path under the base path
	 * @return the path
	 */
	public String local(HttpServletRequest request, String path) {
		return request.getContextPath() + this.basePath + path;
	}

}
