package io.github.jwtallauth.autoconfigure.problem;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A failure that jwt-allauth answers as an RFC 9457 problem with a stable {@code code}:
 * which one is named by its {@link ErrorCode}, and the web layer alone decides how it
 * goes on the wire. The detail is looked up in the {@code MessageSource} under
 * {@link #getMessageKey()}, falling back to the English default; it never contains a
 * password or a token.
 * <p>
 * Instances are immutable: the {@code with…} methods return a copy.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthException extends RuntimeException {

	private static final Object[] NO_ARGS = {};

	private final ErrorCode errorCode;

	private final int status;

	private final Map<String, List<String>> errors;

	private final @Nullable Duration retryAfter;

	private final @Nullable String challenge;

	private final Object[] detailArgs;

	/**
	 * Create the failure of an error code, answered with its own status.
	 * @param errorCode the error code
	 */
	public JwtAllAuthException(ErrorCode errorCode) {
		this(errorCode, Map.of());
	}

	/**
	 * Create the failure of an error code with field errors.
	 * @param errorCode the error code
	 * @param errors field name to messages
	 */
	public JwtAllAuthException(ErrorCode errorCode, Map<String, List<String>> errors) {
		this(errorCode, errorCode.status(), errors, null, null, NO_ARGS);
	}

	private JwtAllAuthException(ErrorCode errorCode, int status, Map<String, List<String>> errors,
			@Nullable Duration retryAfter, @Nullable String challenge, Object[] detailArgs) {
		super(errorCode.defaultDetail(), null, false, false);
		Assert.notNull(errorCode, "'errorCode' must not be null");
		Assert.notNull(errors, "'errors' must not be null");
		this.errorCode = errorCode;
		this.status = status;
		// field order is kept so that answers are stable
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
		this.retryAfter = retryAfter;
		this.challenge = challenge;
		this.detailArgs = detailArgs;
	}

	/**
	 * Return a copy answered with another status, for the failures whose status the
	 * server chose ({@link ErrorCode#MALFORMED_REQUEST}, {@link ErrorCode#SERVER_ERROR}).
	 * @param status a 4xx or 5xx status code
	 * @return the copy
	 */
	public JwtAllAuthException withStatus(int status) {
		Assert.isTrue(status >= 400 && status <= 599, "'status' must be a 4xx or 5xx status code");
		return new JwtAllAuthException(this.errorCode, status, this.errors, this.retryAfter, this.challenge,
				this.detailArgs);
	}

	/**
	 * Return a copy that tells the client when to try again.
	 * @param retryAfter how long until the next attempt may succeed
	 * @return the copy
	 */
	public JwtAllAuthException withRetryAfter(Duration retryAfter) {
		Assert.notNull(retryAfter, "'retryAfter' must not be null");
		return new JwtAllAuthException(this.errorCode, this.status, this.errors, retryAfter, this.challenge,
				this.detailArgs);
	}

	/**
	 * Return a copy that names the credentials the client lacks, for a 401 answered on a
	 * path that takes something else than a bearer token.
	 * @param challenge the authentication challenge, such as {@code Cookie}
	 * @return the copy
	 */
	public JwtAllAuthException withChallenge(String challenge) {
		Assert.hasText(challenge, "'challenge' must not be empty");
		return new JwtAllAuthException(this.errorCode, this.status, this.errors, this.retryAfter, challenge,
				this.detailArgs);
	}

	/**
	 * Return a copy whose detail is formatted with arguments ({@code {0}}, {@code {1}}, …
	 * in the message).
	 * @param args the arguments
	 * @return the copy
	 */
	public JwtAllAuthException withDetailArgs(Object... args) {
		return new JwtAllAuthException(this.errorCode, this.status, this.errors, this.retryAfter, this.challenge,
				args.clone());
	}

	public ErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the HTTP status of the answer: the error code's unless the server chose
	 * another.
	 * @return the status code
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the {@code code} member of the answer.
	 * @return the wire code
	 */
	public String getCode() {
		return this.errorCode.code();
	}

	public String getMessageKey() {
		return this.errorCode.messageKey();
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

	/**
	 * Return how long the client should wait before trying again.
	 * @return the wait, or {@code null} when the failure does not pass
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return the authentication challenge of a 401 that is not answered with the bearer
	 * challenge.
	 * @return the challenge, or {@code null} for the default
	 */
	public @Nullable String getChallenge() {
		return this.challenge;
	}

	/**
	 * Return the arguments of the detail message.
	 * @return the arguments, empty when the detail has none
	 */
	public Object[] getDetailArgs() {
		return this.detailArgs.clone();
	}

	/**
	 * A 400 {@code invalid} problem with field errors.
	 * @param errors field name to messages
	 * @return the exception
	 */
	public static JwtAllAuthException invalid(Map<String, List<String>> errors) {
		return new JwtAllAuthException(ErrorCode.INVALID, errors);
	}

	/**
	 * A 4xx {@code invalid} problem for a request refused before any endpoint saw it: a
	 * request line, header or path the server cannot parse, or one over a size limit.
	 * @param status the status the server chose, usually 400
	 * @return the exception
	 */
	public static JwtAllAuthException malformedRequest(int status) {
		return new JwtAllAuthException(ErrorCode.MALFORMED_REQUEST).withStatus(status);
	}

	/**
	 * A 401 {@code token_not_valid} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException tokenNotValid() {
		return new JwtAllAuthException(ErrorCode.TOKEN_NOT_VALID);
	}

	/**
	 * A 401 {@code not_authenticated} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException notAuthenticated() {
		return new JwtAllAuthException(ErrorCode.NOT_AUTHENTICATED);
	}

	/**
	 * A 403 {@code permission_denied} problem.
	 * @return the exception
	 */
	public static JwtAllAuthException permissionDenied() {
		return new JwtAllAuthException(ErrorCode.PERMISSION_DENIED);
	}

	/**
	 * A 400 {@code invalid} problem for an e-mail address that already has an account
	 * (shown only where the caller may know it: sign-up without mandatory verification,
	 * invitations).
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
		return new JwtAllAuthException(ErrorCode.NOT_FOUND);
	}

	/**
	 * A 429 {@code throttled} problem, answered with a {@code Retry-After} header.
	 * @param retryAfter how long until the next attempt may succeed
	 * @return the exception
	 */
	public static JwtAllAuthException throttled(Duration retryAfter) {
		return new JwtAllAuthException(ErrorCode.THROTTLED).withRetryAfter(retryAfter);
	}

}
