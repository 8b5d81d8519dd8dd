package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthTemplates;

/**
 * Writes jwt-allauth's built-in HTML pages, rendered by {@link JwtAllAuthTemplates} in
 * the request's locale. Pages are never cached, never leak the URL they were reached from
 * (it may hold a token), and carry {@code jwtallauth.pages.content-security-policy},
 * which by default allows scripts and styles from the application's own origin only: the
 * built-in pages load theirs from {@value #ASSETS_PATH} under the base path, whose URL
 * templates find in the {@code assets} variable.
 *
 * @author jwt-allauth contributors
 */
final class Pages {

	/** The password-reset form (and its invalid-link message). */
	static final String PASSWORD_RESET = "jwtallauth/password-reset";

	/** The page shown once a password has been reset. */
	static final String PASSWORD_RESET_COMPLETE = "jwtallauth/password-reset-complete";

	/** The set-password form of invitations. */
	static final String PASSWORD_SET = "jwtallauth/password-set";

	/** The page shown once an address is verified. */
	static final String VERIFIED = "jwtallauth/verified";

	/**
	 * Path, under the base path, of the style sheet and script the built-in pages load.
	 */
	static final String ASSETS_PATH = "/assets";

	/** Classpath location of the files served under {@link #ASSETS_PATH}. */
	static final String ASSETS_LOCATION = "classpath:/io/github/jwtallauth/assets/";

	private final JwtAllAuthTemplates templates;

	private final String basePath;

	private final @Nullable String contentSecurityPolicy;

	/**
	 * Create the page writer.
	 * @param templates the renderer
	 * @param basePath jwt-allauth's base path, under which the pages' files are served
	 * @param contentSecurityPolicy the policy sent with every page; blank to send none
	 */
	Pages(JwtAllAuthTemplates templates, String basePath, @Nullable String contentSecurityPolicy) {
		Assert.notNull(templates, "'templates' must not be null");
		Assert.notNull(basePath, "'basePath' must not be null");
		this.templates = templates;
		this.basePath = basePath;
		this.contentSecurityPolicy = StringUtils.hasText(contentSecurityPolicy) ? contentSecurityPolicy.strip() : null;
	}

	/**
	 * Render a page into the response.
	 * @param request the request, for the context path of the page's files
	 * @param response the response
	 * @param status the status
	 * @param template the template name, without {@code .html}
	 * @param variables the template's variables
	 */
	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String template,
			Map<String, ?> variables) {
		Map<String, Object> model = new HashMap<>(variables);
		model.putIfAbsent("assets", request.getContextPath() + this.basePath + ASSETS_PATH);
		String html = this.templates.render(template + ".html", LocaleContextHolder.getLocale(), model);
		response.setStatus(status.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// the link that led here may hold a token
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (this.contentSecurityPolicy != null) {
			response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		}
		try {
			response.getWriter().write(html);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
