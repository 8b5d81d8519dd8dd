package io.github.jwtallauth.autoconfigure.session;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Reads the client IP and parses the User-Agent of a request when
 * {@code jwtallauth.sessions.collect-user-agent} is on. Parsing never fails a request: an
 * unparseable agent is recorded as it came, truncated. The browser, operating system and
 * device come from uap-java; without it (or with parsing turned off) only the IP and the
 * raw User-Agent are recorded.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class DeviceInfoResolver {

	static final int MAX_USER_AGENT = 512;

	static final int MAX_FIELD = 64;

	private static final Log logger = LogFactory.getLog(DeviceInfoResolver.class);

	private final boolean enabled;

	private final ClientIpResolver clientIpResolver;

	// uap-java is optional: the parser is only created, and its class only loaded, when
	// the library is there
	private final @Nullable UapUserAgentParser parser;

	/**
	 * Create a resolver that parses User-Agents when uap-java is on the classpath.
	 * @param enabled whether to collect anything
	 * @param clientIpResolver finds the client IP
	 */
	public DeviceInfoResolver(boolean enabled, ClientIpResolver clientIpResolver) {
		this(enabled, clientIpResolver,
				ClassUtils.isPresent(UapUserAgentParser.PARSER_CLASS, DeviceInfoResolver.class.getClassLoader()));
	}

	/**
	 * Create a resolver.
	 * @param enabled whether to collect anything
	 * @param clientIpResolver finds the client IP
	 * @param parseUserAgent whether to parse the User-Agent into browser, operating
	 * system and device with uap-java, which must then be on the classpath
	 */
	public DeviceInfoResolver(boolean enabled, ClientIpResolver clientIpResolver, boolean parseUserAgent) {
		Assert.notNull(clientIpResolver, "'clientIpResolver' must not be null");
		this.enabled = enabled;
		this.clientIpResolver = clientIpResolver;
		this.parser = (enabled && parseUserAgent) ? new UapUserAgentParser() : null;
	}

	/**
	 * Whether the User-Agent is parsed into browser, operating system and device.
	 * @return whether collection is on and uap-java parses
	 */
	public boolean isParsingUserAgent() {
		return this.parser != null;
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
		if (this.parser == null) {
			return new DeviceInfo(ip, truncated, null, null, null);
		}
		try {
			@Nullable String[] families = this.parser.parse(truncated);
			return new DeviceInfo(ip, truncated, truncate(families[0], MAX_FIELD), truncate(families[1], MAX_FIELD),
					truncate(families[2], MAX_FIELD));
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
