package io.github.jwtallauth.autoconfigure.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * {@link ClientIpResolver} that honours {@code X-Forwarded-For} only from
 * {@code jwtallauth.sessions.trusted-proxies}: starting from the connection's peer, it
 * walks the header from right to left while the hop is a trusted proxy and stops at the
 * first address that is not, so a client cannot forge its address by sending the header
 * itself.
 *
 * @author jwt-allauth contributors
 */
public final class TrustedProxiesClientIpResolver implements ClientIpResolver {

	private static final Pattern IPV4 = Pattern
		.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

	private final List<IpAddressMatcher> trustedProxies;

	/**
	 * Create a resolver.
	 * @param trustedProxies addresses or CIDR ranges of trusted proxies
	 */
	public TrustedProxiesClientIpResolver(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::strip).map(IpAddressMatcher::new).toList();
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String client = request.getRemoteAddr();
		if (this.trustedProxies.isEmpty() || !isTrusted(client)) {
			return client;
		}
		List<String> hops = new ArrayList<>();
		for (var headers = request.getHeaders("X-Forwarded-For"); headers.hasMoreElements();) {
			for (String hop : headers.nextElement().split(",")) {
				hops.add(hop.strip());
			}
		}
		Collections.reverse(hops);
		for (String hop : hops) {
			if (!isIpLiteral(hop)) {
				// a garbled header from a trusted proxy: keep the last address we can
				// vouch for
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		if (!isIpLiteral(address)) {
			return false;
		}
		for (IpAddressMatcher matcher : this.trustedProxies) {
			if (matcher.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a string is a literal IP address (never a host name, which would need a DNS
	 * lookup).
	 * @param value the string
	 * @return whether it is an IPv4 or IPv6 literal
	 */
	public static boolean isIpLiteral(String value) {
		if (value == null || value.isEmpty()) {
			return false;
		}
		if (IPV4.matcher(value).matches()) {
			return true;
		}
		if (value.indexOf(':') < 0 || !IPV6.matcher(value).matches()) {
			return false;
		}
		try {
			// only hex digits, colons and dots remain, so this parses a literal and never
			// resolves a name
			return InetAddress.getByName(value) instanceof Inet6Address;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
