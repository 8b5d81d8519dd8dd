package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI description of jwt-allauth's endpoints (docs/openapi.yaml, packaged in the
 * jar), with its paths moved under the configured base path and JWK set path. The
 * document names the default paths; the rewrite touches only the path keys, so the rest
 * stays byte for byte what the repository holds.
 *
 * @author jwt-allauth contributors
 */
final class OpenApiDocument {

	/** Where the build puts docs/openapi.yaml. */
	static final String RESOURCE = "io/github/jwtallauth/openapi.yaml";

	static final String DEFAULT_BASE_PATH = "/jwt-allauth";

	static final String DEFAULT_JWKS_PATH = "/.well-known/jwks.json";

	// a path key is indented by two spaces under "paths:", and only path keys start with
	// a slash there
	private static final Pattern BASE_PATH_KEY = Pattern.compile("^  " + Pattern.quote(DEFAULT_BASE_PATH) + "(/\\S*:)$",
			Pattern.MULTILINE);

	private static final Pattern JWKS_PATH_KEY = Pattern.compile("^  " + Pattern.quote(DEFAULT_JWKS_PATH) + ":$",
			Pattern.MULTILINE);

	private OpenApiDocument() {
	}

	/**
	 * The document for an application's paths.
	 * @param basePath {@code jwtallauth.base-path}
	 * @param jwksPath {@code jwtallauth.jwt.jwks-path}
	 * @return the YAML text
	 */
	static String forPaths(String basePath, String jwksPath) {
		String yaml = read();
		yaml = BASE_PATH_KEY.matcher(yaml).replaceAll((match) -> Matcher.quoteReplacement("  " + basePath) + "$1");
		return JWKS_PATH_KEY.matcher(yaml).replaceAll(Matcher.quoteReplacement("  " + jwksPath + ":"));
	}

	private static String read() {
		try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the jwt-allauth jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
