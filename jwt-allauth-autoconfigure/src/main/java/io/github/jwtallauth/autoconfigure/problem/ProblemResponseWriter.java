package io.github.jwtallauth.autoconfigure.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthMessageSource;

/**
 * Writes a {@link JwtAllAuthException} as an RFC 9457 problem document with jwt-allauth's
 * {@code code}, for the endpoints, the entry point and the access-denied handler alike. The detail
 * is translated: the application's {@code MessageSource} first, then jwt-allauth's own bundle, then
 * the English default.
 *
 * @author jwt-allauth contributors
 */
public class ProblemResponseWriter {

	/** The challenge sent with every 401 on a bearer-authenticated path. */
	public static final String BEARER_CHALLENGE = "Bearer realm=\"api\"";

	private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final JsonMapper jsonMapper;

	private final MessageSource messages;

	/**
	 * Create a writer.
	 * @param jsonMapper the mapper that writes the document
	 * @param applicationMessages the application's messages, consulted first
	 */
	public ProblemResponseWriter(JsonMapper jsonMapper, MessageSource applicationMessages) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.notNull(applicationMessages, "'applicationMessages' must not be null");
		this.jsonMapper = jsonMapper;
		this.messages = new JwtAllAuthMessageSource(applicationMessages);
	}

	/**
	 * Write the problem to the response.
	 * @param request the request, for its locale
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, JwtAllAuthException problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus().value());
		HttpHeaders headers = problem.getHeaders();
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		if (problem.getStatus() == HttpStatus.UNAUTHORIZED && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
			// every 401 names its scheme (RFC 9110 §11.6.1)
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
		}
		response.setContentType(PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(body(problem, request.getLocale())));
		response.flushBuffer();
	}

	/**
	 * Return the problem document.
	 * @param problem the problem
	 * @param locale the locale of the detail
	 * @return the document's members
	 */
	public Map<String, Object> body(JwtAllAuthException problem, Locale locale) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", problem.getStatus().getReasonPhrase());
		body.put("status", problem.getStatus().value());
		body.put("detail", detail(problem, locale));
		body.put("code", problem.getCode());
		if (!problem.getErrors().isEmpty()) {
			body.put("errors", problem.getErrors());
		}
		return body;
	}

	private String detail(JwtAllAuthException problem, Locale locale) {
		String detail = this.messages.getMessage(problem.getMessageKey(), null, problem.getDefaultDetail(), locale);
		return (detail != null) ? detail : problem.getDefaultDetail();
	}

}
