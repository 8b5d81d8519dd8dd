package io.github.jwtallauth.autoconfigure.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Publishes an OpenID Connect discovery document that says only what jwt-allauth does:
 * who issues the access tokens, where their keys are and how they are signed. With it a
 * resource server configured with the issuer alone (Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) finds the JWK set.
 * Answers 404 when it is switched off, with HS256 (no public key to publish) and when the
 * issuer is not an http(s) URL (no client could have found the document from it).
 *
 * @author jwt-allauth contributors
 */
@RestController
final class DiscoveryController {

	private final TokenService tokens;

	private final JwtAllAuthProperties.Jwt properties;

	private final @Nullable String jwksUri;

	/**
	 * Create the controller.
	 * @param tokens the token service, whose JWK set is described
	 * @param properties the token properties
	 * @param publicBaseUrl the application's public URL, if configured
	 */
	DiscoveryController(TokenService tokens, JwtAllAuthProperties.Jwt properties, @Nullable String publicBaseUrl) {
		this.tokens = tokens;
		this.properties = properties;
		// Never from the request's Host header, which the caller chooses: from the
		// configured public URL, else from the issuer, the URL under which a client found
		// this document.
		String base = (publicBaseUrl != null) ? publicBaseUrl
				: isHttpUrl(properties.issuer()) ? trimSlash(properties.issuer()) : null;
		this.jwksUri = (base != null) ? base + properties.jwksPath() : null;
	}

	@GetMapping({ JwtAllAuthProperties.Jwt.DISCOVERY_PATH, JwtAllAuthProperties.Jwt.DISCOVERY_PATH + "/" })
	public ResponseEntity<Map<String, Object>> configuration() {
		Map<String, Object> set = this.tokens.jwkSet();
		if (!this.properties.discoveryEnabled() || this.jwksUri == null || !isHttpUrl(this.properties.issuer())
				|| set.isEmpty()) {
			throw JwtAllAuthException.notFound();
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.properties.issuer());
		document.put("jwks_uri", this.jwksUri);
		document.put("id_token_signing_alg_values_supported", algorithms(set));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(document);
	}

	private static List<String> algorithms(Map<String, Object> set) {
		Set<String> algorithms = new LinkedHashSet<>();
		if (set.get("keys") instanceof List<?> keys) {
			for (Object key : keys) {
				if (key instanceof Map<?, ?> jwk && jwk.get("alg") instanceof String algorithm) {
					algorithms.add(algorithm);
				}
			}
		}
		return List.copyOf(algorithms);
	}

	private static boolean isHttpUrl(String issuer) {
		return issuer.startsWith("https://") || issuer.startsWith("http://");
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
