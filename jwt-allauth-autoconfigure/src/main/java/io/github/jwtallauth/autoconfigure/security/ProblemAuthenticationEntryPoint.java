package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Answers unauthenticated requests with a 401 problem and {@code WWW-Authenticate: Bearer
 * realm="api"}: {@code token_not_valid} for a bad bearer token, {@code not_authenticated}
 * for none.
 *
 * @author jwt-allauth contributors
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** The challenge of every 401 jwt-allauth answers on a bearer-protected path. */
	static final String CHALLENGE = ProblemResponseWriter.BEARER_CHALLENGE;

	private final ProblemResponseWriter writer;

	ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ErrorCode code;
		Object refused = request.getAttribute(JwtAllAuthBearerTokenFilter.INVALID_TOKEN_ATTRIBUTE);
		if (refused instanceof InvalidAccessTokenException invalid) {
			code = invalid.isSessionRevoked() ? ErrorCode.SESSION_REVOKED : ErrorCode.TOKEN_NOT_VALID;
		}
		else {
			code = ErrorCode.NOT_AUTHENTICATED;
		}
		this.writer.write(request, response, new JwtAllAuthException(code).withChallenge(CHALLENGE));
	}

}
