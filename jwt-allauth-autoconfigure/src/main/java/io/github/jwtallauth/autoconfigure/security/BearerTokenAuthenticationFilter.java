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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests that carry {@code Authorization: Bearer <access token>}. Requests without
 * the header pass through untouched (the chain's authorization rules decide); a header with an
 * invalid token is answered 401 at once, so a bad token is never mistaken for an anonymous request.
 *
 * @author jwt-allauth contributors
 */
public class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String PREFIX = "bearer ";

	private final Log log = LogFactory.getLog(getClass());

	private final AccessTokenAuthenticator authenticator;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	public BearerTokenAuthenticationFilter(AccessTokenAuthenticator authenticator,
			AuthenticationEntryPoint entryPoint) {
		Assert.notNull(authenticator, "'authenticator' must not be null");
		Assert.notNull(entryPoint, "'entryPoint' must not be null");
		this.authenticator = authenticator;
		this.entryPoint = entryPoint;
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
		catch (InvalidBearerTokenException ex) {
			this.contextHolder.clearContext();
			this.log.debug(LogMessage.format("Bearer token refused: %s", ex.getMessage()));
			this.entryPoint.commence(request, response, ex);
			return;
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
