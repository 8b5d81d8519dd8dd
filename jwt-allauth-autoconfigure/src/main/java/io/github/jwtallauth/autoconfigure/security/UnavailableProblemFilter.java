package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Answers 503 {@code unavailable} when a password login through Spring Security (HTTP
 * Basic, form login) could not be decided because the database or the shared rate-limit
 * store cannot be reached. {@link JwtAllAuthPasswordAuthenticationProvider} throws such a
 * failure as a {@link JwtAllAuthException} rather than an
 * {@code AuthenticationException}: Spring Security's filters answer the latter with a 401
 * or a redirect to the login page, which would tell the client its password was wrong,
 * and let the former through to this filter, which sits ahead of them in every chain.
 *
 * @author jwt-allauth contributors
 */
final class UnavailableProblemFilter extends OncePerRequestFilter {

	private final ProblemResponseWriter writer;

	UnavailableProblemFilter(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (JwtAllAuthException ex) {
			if (ex.getErrorCode() != ErrorCode.UNAVAILABLE || response.isCommitted()) {
				throw ex;
			}
			this.writer.write(request, response, ex);
		}
	}

}
