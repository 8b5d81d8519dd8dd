package io.github.jwtallauth.autoconfigure.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Applied by Spring Security to every {@link HttpSecurity} of the application, its own
 * filter chains included: adds the bearer-token filter, answers 503 {@code unavailable}
 * for a password login (HTTP Basic, form login) that the database's or the rate-limit
 * store's outage left undecided, and makes the 401/403 problem answers the default for
 * API requests (those that do not ask for HTML), leaving a chain's explicit entry point
 * or form-login redirect alone.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthHttpSecurityCustomizer implements Customizer<HttpSecurity> {

	private static final RequestMatcher API_REQUEST = JwtAllAuthHttpSecurityCustomizer::isApiRequest;

	private final AccessTokenAuthenticator authenticator;

	private final AuthenticationEntryPoint entryPoint;

	private final AccessDeniedHandler accessDeniedHandler;

	private final ProblemResponseWriter writer;

	JwtAllAuthHttpSecurityCustomizer(AccessTokenAuthenticator authenticator, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDeniedHandler, ProblemResponseWriter writer) {
		this.authenticator = authenticator;
		this.writer = writer;
		this.entryPoint = entryPoint;
		this.accessDeniedHandler = accessDeniedHandler;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(new JwtAllAuthBearerTokenFilter(this.authenticator, this.writer),
				AnonymousAuthenticationFilter.class);
		// ahead of every authentication filter
		http.addFilterBefore(new UnavailableProblemFilter(this.writer), LogoutFilter.class);
		http.exceptionHandling(
				(exceptions) -> exceptions.defaultAuthenticationEntryPointFor(this.entryPoint, API_REQUEST)
					.defaultAccessDeniedHandlerFor(this.accessDeniedHandler, API_REQUEST));
	}

	private static boolean isApiRequest(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept == null || !accept.contains("text/html");
	}

}
