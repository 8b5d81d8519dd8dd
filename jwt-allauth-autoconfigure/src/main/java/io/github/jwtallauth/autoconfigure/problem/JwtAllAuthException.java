package io.github.jwtallauth.autoconfigure.problem;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure that jwt-allauth answers as an RFC 9457 problem with a stable {@code code}. The detail
 * is looked up in the {@code MessageSource} under {@link #getMessageKey()}, falling back to the
 * English default; it never contains a password or a token.
 *
 * @author jwt-allauth contributors
 */
public class JwtAllAuthException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final String messageKey;

	private final Map<String, List<String>> errors;

	private final HttpHeaders headers;

	public JwtAllAuthException(HttpStatus status, String code, String messageKey, String defaultDetail) {
		this(status, code, messageKey, defaultDetail, Map.of(), new HttpHeaders());
	}

	public JwtAllAuthException(HttpStatus status, String code, String messageKey, String defaultDetail,
			Map<String, List<String>> errors, @Nullable HttpHeaders headers) {
		super(defaultDetail, null, false, false);
		this.status = status;
		this.code = code;
		this.messageKey = messageKey;
		// field order is kept so that answers are stable
		this.errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
		this.headers = (headers != null) ? headers : new HttpHeaders();
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getCode() {
		return this.code;
	}

	public String getMessageKey() {
		return this.messageKey;
	}

	public String getDefaultDetail() {
		return getMessage();
	}

	/**
	 * Return the field errors of an {@code invalid} problem.
	 * @return field name to messages
	 */
	public Map<String, List<String>> getErrors() {
		return this.errors;
	}

	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * A 400 {@code invalid} problem with field errors.
	 * @param errors field name to messages
	 * @return the exception
	 */
	public static JwtAllAuthException invalid(Map<String, List<String>> errors) {
		return new JwtAllAuthException(HttpStatus.BAD_REQUEST, "invalid", "jwtallauth.problem.invalid",
				"The request is invalid.", errors, null);
	}

	/**
	 * A 4xx {@code invalid} problem for a request refused before any endpoint saw it: a request line,
	 * header or path the server cannot parse, or one over a size limit.
	 * @param status the status the server chose, usually 400
	 * @return the exception
	 */
	public static JwtAllAuthException malformedRequest(HttpStatus status) {
		return new JwtAllAuthException(status, "invalid", "jwtallauth.problem.malformed_request",
				"The request is malformed or too large.");
	}

	/**
	 * A 401 {@code token_not_valid} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException tokenNotValid() {
		return new JwtAllAuthException(HttpStatus.UNAUTHORIZED, "token_not_valid",
				"jwtallauth.problem.token_not_valid", "Token is invalid or expired");
	}

	/**
	 * A 401 {@code not_authenticated} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException notAuthenticated() {
		return new JwtAllAuthException(HttpStatus.UNAUTHORIZED, "not_authenticated",
				"jwtallauth.problem.not_authenticated", "Authentication credentials were not provided.");
	}

	/**
	 * A 403 {@code permission_denied} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException permissionDenied() {
		return new JwtAllAuthException(HttpStatus.FORBIDDEN, "permission_denied",
				"jwtallauth.problem.permission_denied", "You do not have permission to perform this action.");
	}

	/**
	 * A 400 {@code invalid} problem for an e-mail address that already has an account (shown only
	 * where the caller may know it: sign-up without mandatory verification, invitations).
	 * @return the exception
	 */
	public static JwtAllAuthException emailTaken() {
		return invalid(Map.of("email", List.of("A user is already registered with this e-mail address.")));
	}

	/**
	 * A 404 {@code not_found} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException notFound() {
		return new JwtAllAuthException(HttpStatus.NOT_FOUND, "not_found", "jwtallauth.problem.not_found",
				"Not found.");
	}

	/**
	 * A 429 {@code throttled} problem with a {@code Retry-After} header.
	 * @param retryAfter how long until the next attempt may succeed
	 * @return the exception
	 */
	public static JwtAllAuthException throttled(java.time.Duration retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		// whole seconds, rounded up, never 0: "retry now" would only meet the limit again
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return new JwtAllAuthException(HttpStatus.TOO_MANY_REQUESTS, "throttled", "jwtallauth.problem.throttled",
				"Request was throttled.", Map.of(), headers);
	}

}
