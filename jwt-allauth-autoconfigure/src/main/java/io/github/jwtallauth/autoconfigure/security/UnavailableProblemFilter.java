package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
 * <p>
 * A plain filter rather than a {@code OncePerRequestFilter}: it runs on every request,
 * and catching the same exception twice on a nested dispatch is harmless, so the request
 * attribute bookkeeping of a once-per-request filter would be cost without use.
 *
 * @author jwt-allauth contributors
 */
final class UnavailableProblemFilter implements Filter {

	private final ProblemResponseWriter writer;

	UnavailableProblemFilter(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (JwtAllAuthException ex) {
			if (ex.getErrorCode() != ErrorCode.UNAVAILABLE || response.isCommitted()
					|| !(request instanceof HttpServletRequest httpRequest)
					|| !(response instanceof HttpServletResponse httpResponse)) {
				throw ex;
			}
			this.writer.write(httpRequest, httpResponse, ex);
		}
	}

}
