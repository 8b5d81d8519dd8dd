package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.jwtallauth.autoconfigure.problem.DatabaseFailures;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Authenticates requests that carry {@code Authorization: Bearer <access token>}. A
 * request with an invalid token continues unauthenticated, with the reason kept as a
 * request attribute: where the chain requires authentication, the entry point answers 401
 * {@code token_not_valid}; endpoints open to everyone (login, refresh, sign-up, the
 * application's public paths) ignore a stale header, as clients that always attach their
 * last access token expect. When the session check cannot reach the database, the request
 * is answered 503 {@code unavailable}.
 * <p>
 * Named apart from Spring Security's own {@code BearerTokenAuthenticationFilter}, which
 * an application that is also an OAuth 2.0 resource server has in its chains, so that the
 * two are never confused in a filter listing, a log line or an import.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthBearerTokenFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the {@link InvalidAccessTokenException} of a refused
	 * token.
	 */
	static final String INVALID_TOKEN_ATTRIBUTE = JwtAllAuthBearerTokenFilter.class.getName() + ".INVALID_TOKEN";

	private static final String PREFIX = "bearer ";

	private final Log log = LogFactory.getLog(getClass());

	private final AccessTokenAuthenticator authenticator;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

	private final ProblemResponseWriter writer;

	JwtAllAuthBearerTokenFilter(AccessTokenAuthenticator authenticator, ProblemResponseWriter writer) {
		Assert.notNull(authenticator, "'authenticator' must not be null");
		Assert.notNull(writer, "'writer' must not be null");
		this.authenticator = authenticator;
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			chain.doFilter(request, response);
			return;
		}
		String token = header.substring(PREFIX.length()).strip();
		JwtAllAuthAuthenticationToken authentication;
		try {
			authentication = this.authenticator.authenticate(token);
		}
		catch (InvalidAccessTokenException ex) {
			this.contextHolder.clearContext();
			this.log.debug(LogMessage.format("Bearer token refused: %s", ex.getMessage()));
			request.setAttribute(INVALID_TOKEN_ATTRIBUTE, ex);
			chain.doFilter(request, response);
			return;
		}
		catch (RuntimeException ex) {
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			// with jwtallauth.jwt.access-session-check the session is looked up: without
			// the database a token can be neither accepted nor refused, and a 401 would
			// make the client drop a session that is fine
			this.contextHolder.clearContext();
			// not the path as sent: it can carry a capability (a password-reset link)
			DatabaseFailures.warn(this.log,
					"session check of a " + request.getMethod() + " request, answered 503 unavailable", ex);
			this.writer.write(request, response, new JwtAllAuthException(ErrorCode.UNAVAILABLE));
			return;
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		// kept for this request's ERROR dispatch, so that the application's error page is
		// not a 401
		this.contextRepository.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

}
