package io.github.jwtallauth.autoconfigure.session;

import org.jspecify.annotations.Nullable;
import ua_parser.Client;
import ua_parser.Parser;

import org.springframework.util.function.SingletonSupplier;

/**
 * The one class that touches uap-java, so that {@link DeviceInfoResolver} loads without
 * it: loaded only when the library is on the classpath.
 *
 * @author jwt-allauth contributors
 */
final class UapUserAgentParser {

	/** A class of uap-java, to test for its presence. */
	static final String PARSER_CLASS = "ua_parser.Parser";

	// the parser compiles hundreds of regular expressions: only when a session first
	// needs it
	private final SingletonSupplier<Parser> parser = SingletonSupplier.of(Parser::new);

	/**
	 * Parse a User-Agent into its browser, operating-system and device families.
	 * @param userAgent the User-Agent, already truncated
	 * @return the three families, each possibly {@code null}
	 */
	@Nullable String[] parse(String userAgent) {
		Client client = this.parser.obtain().parse(userAgent);
		return new @Nullable String[] { client.userAgent.family, client.os.family, client.device.family };
	}

}
