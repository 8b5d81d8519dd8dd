package io.github.jwtallauth.autoconfigure.session;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides a request's client IP address. Declare a bean of this type to replace
 * {@link TrustedProxiesClientIpResolver}.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface ClientIpResolver {

	/**
	 * Resolve the client IP.
	 * @param request the request
	 * @return a literal IPv4 or IPv6 address
	 */
	String resolve(HttpServletRequest request);

}
