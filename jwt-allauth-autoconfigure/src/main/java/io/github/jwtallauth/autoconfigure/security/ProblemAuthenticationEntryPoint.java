package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Answers unauthenticated requests with a 401 problem and {@code WWW-Authenticate: Bearer
 * realm="api"}: {@code token_not_valid} for a bad bearer token, {@code not_authenticated} for none.
 *
 * @author jwt-allauth contributors
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** The challenge of every 401 jwt-allauth answers on a bearer-protected path. */
	public static final String CHALLENGE = ProblemResponseWriter.BEARER_CHALLENGE;

	private final ProblemResponseWriter writer;

	public ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		JwtAllAuthException problem;
		Object refused = request.getAttribute(BearerTokenAuthenticationFilter.INVALID_TOKEN_ATTRIBUTE);
		if (refused instanceof InvalidBearerTokenException invalid) {
			problem = invalid.isSessionRevoked()
					? new JwtAllAuthException(HttpStatus.UNAUTHORIZED, "token_not_valid",
							"jwtallauth.problem.session_revoked", "Session is no longer active.",
							java.util.Map.of(), headers)
					: new JwtAllAuthException(HttpStatus.UNAUTHORIZED, "token_not_valid",
							"jwtallauth.problem.token_not_valid", "Token is invalid or expired", java.util.Map.of(),
							headers);
		}
		else {
			problem = new JwtAllAuthException(HttpStatus.UNAUTHORIZED, "not_authenticated",
					"jwtallauth.problem.not_authenticated", "Authentication credentials were not provided.",
					java.util.Map.of(), headers);
		}
		this.writer.write(request, response, problem);
	}

}
