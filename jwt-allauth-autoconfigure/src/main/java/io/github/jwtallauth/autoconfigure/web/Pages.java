package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthTemplates;

/**
 * Writes jwt-allauth's built-in HTML pages, rendered by {@link JwtAllAuthTemplates} in the request's
 * locale. Pages are never cached and never leak the URL they were reached from.
 *
 * @author jwt-allauth contributors
 */
public class Pages {

	/** The password-reset form (and its invalid-link message). */
	public static final String PASSWORD_RESET = "jwtallauth/password-reset";

	/** The page shown once a password has been reset. */
	public static final String PASSWORD_RESET_COMPLETE = "jwtallauth/password-reset-complete";

	/** The set-password form of invitations. */
	public static final String PASSWORD_SET = "jwtallauth/password-set";

	/** The page shown once an address is verified. */
	public static final String VERIFIED = "jwtallauth/verified";

	private final JwtAllAuthTemplates templates;

	public Pages(JwtAllAuthTemplates templates) {
		this.templates = templates;
	}

	/**
	 * Render a page into the response.
	 * @param response the response
	 * @param status the status
	 * @param template the template name, without {@code .html}
	 * @param variables the template's variables
	 */
	public void write(HttpServletResponse response, HttpStatus status, String template, Map<String, ?> variables) {
		String html = this.templates.render(template + ".html", LocaleContextHolder.getLocale(), variables);
		response.setStatus(status.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// the link that led here may hold a token
		response.setHeader("Referrer-Policy", "no-referrer");
		try {
			response.getWriter().write(html);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
