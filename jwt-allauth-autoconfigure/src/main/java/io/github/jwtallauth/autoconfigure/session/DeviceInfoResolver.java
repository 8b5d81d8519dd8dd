package io.github.jwtallauth.autoconfigure.session;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import ua_parser.Client;
import ua_parser.Parser;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Reads the client IP and parses the User-Agent of a request when
 * {@code jwtallauth.sessions.collect-user-agent} is on. Parsing never fails a request: an
 * unparseable agent is recorded as it came, truncated.
 *
 * @author jwt-allauth contributors
 */
public class DeviceInfoResolver {

	static final int MAX_USER_AGENT = 512;

	static final int MAX_FIELD = 64;

	private static final Log logger = LogFactory.getLog(DeviceInfoResolver.class);

	private final boolean enabled;

	private final ClientIpResolver clientIpResolver;

	// the parser compiles hundreds of regular expressions: only when a session first
	// needs it
	private final SingletonSupplier<Parser> parser = SingletonSupplier.of(Parser::new);

	public DeviceInfoResolver(boolean enabled, ClientIpResolver clientIpResolver) {
		Assert.notNull(clientIpResolver, "'clientIpResolver' must not be null");
		this.enabled = enabled;
		this.clientIpResolver = clientIpResolver;
	}

	/**
	 * Describe the client of a request.
	 * @param request the request, or {@code null} outside a request
	 * @return what is known, or {@link DeviceInfo#NONE} when collection is off
	 */
	public DeviceInfo resolve(@Nullable HttpServletRequest request) {
		if (!this.enabled || request == null) {
			return DeviceInfo.NONE;
		}
		String ip = resolveIp(request);
		String userAgent = request.getHeader("User-Agent");
		if (userAgent == null || userAgent.isBlank()) {
			return new DeviceInfo(ip, null, null, null, null);
		}
		String truncated = truncate(userAgent, MAX_USER_AGENT);
		try {
			Client client = this.parser.obtain().parse(truncated);
			return new DeviceInfo(ip, truncated, truncate(client.userAgent.family, MAX_FIELD),
					truncate(client.os.family, MAX_FIELD), truncate(client.device.family, MAX_FIELD));
		}
		catch (RuntimeException ex) {
			logger.debug("User-Agent could not be parsed", ex);
			return new DeviceInfo(ip, truncated, null, null, null);
		}
	}

	/**
	 * Resolve only the client IP, as a rotation records it.
	 * @param request the request
	 * @return the IP, or {@code null} when collection is off
	 */
	public @Nullable String resolveIp(@Nullable HttpServletRequest request) {
		if (!this.enabled || request == null) {
			return null;
		}
		String ip = this.clientIpResolver.resolve(request);
		return TrustedProxiesClientIpResolver.isIpLiteral(ip) ? truncate(ip, 45) : null;
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		return (value.length() <= max) ? value : value.substring(0, max);
	}

}
