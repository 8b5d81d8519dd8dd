package io.github.jwtallauth.autoconfigure.problem;

import java.io.IOException;
import java.time.Duration;
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

/**
 * Writes a {@link JwtAllAuthException} as an RFC 9457 problem document with jwt-allauth's
 * {@code code}, for the endpoints, the entry point and the access-denied handler alike.
 * The one place where an {@link ErrorCode} becomes an HTTP answer: its status,
 * {@code Retry-After} from the exception's wait, {@code WWW-Authenticate} on every 401.
 * The detail is translated: the application's {@code MessageSource} first, then
 * jwt-allauth's own bundle, then the English default.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class ProblemResponseWriter {

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
		write(request, response, problem, HttpHeaders.EMPTY);
	}

	/**
	 * Write the problem to the response with headers that only the web layer knows, such
	 * as the {@code Allow} of a 405.
	 * @param request the request, for its locale
	 * @param response the response
	 * @param problem the problem
	 * @param headers headers to add to the answer
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, JwtAllAuthException problem,
			HttpHeaders headers) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		HttpStatus status = status(problem);
		response.setStatus(status.value());
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		Duration retryAfter = problem.getRetryAfter();
		if (retryAfter != null) {
			// whole seconds, rounded up, never 0: "retry now" would only meet the limit
			// again
			long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		if (status == HttpStatus.UNAUTHORIZED && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
			// every 401 names its scheme (RFC 9110 §11.6.1)
			String challenge = problem.getChallenge();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, (challenge != null) ? challenge : BEARER_CHALLENGE);
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
		HttpStatus status = status(problem);
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail(problem, locale));
		body.put("code", problem.getCode());
		if (!problem.getErrors().isEmpty()) {
			body.put("errors", problem.getErrors());
		}
		return body;
	}

	/**
	 * Return the status a problem is answered with.
	 * @param problem the problem
	 * @return the status of its error code, or the one the server chose
	 */
	protected HttpStatus status(JwtAllAuthException problem) {
		return HttpStatus.valueOf(problem.getStatus());
	}

	private String detail(JwtAllAuthException problem, Locale locale) {
		Object[] args = problem.getDetailArgs();
		String detail = this.messages.getMessage(problem.getMessageKey(), (args.length > 0) ? args : null,
				problem.getDefaultDetail(), locale);
		return (detail != null) ? detail : problem.getDefaultDetail();
	}

}
