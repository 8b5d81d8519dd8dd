package io.github.jwtallauth.autoconfigure.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The discovery document is answered only where a client could use it: an asymmetric key
 * to publish and an issuer that is a URL; its JWK set URL never comes from the request.
 */
class DiscoveryControllerTests {

	private static final Map<String, Object> EC_SET = Map.of("keys", List
		.of(Map.of("kty", "EC", "alg", "ES256", "kid", "k1"), Map.of("kty", "EC", "alg", "ES256", "kid", "k0")));

	@Test
	void documentWhenOnlyAnIssuerUrlIsSetThenKeysAreUnderTheIssuer() {
		DiscoveryController controller = controller(EC_SET,
				Map.of("jwtallauth.jwt.issuer", "https://id.example.com/auth/"));
		Map<String, Object> document = controller.configuration().getBody();
		assertThat(document).containsExactly(Map.entry("issuer", "https://id.example.com/auth/"),
				Map.entry("jwks_uri", "https://id.example.com/auth/.well-known/jwks.json"),
				Map.entry("id_token_signing_alg_values_supported", List.of("ES256")));
	}

	@Test
	void documentWhenPublicBaseUrlAndJwksPathSetThenKeysAreThere() {
		DiscoveryController controller = controller(EC_SET,
				Map.of("jwtallauth.public-base-url", "https://example.com/app", "jwtallauth.jwt.jwks-path", "/keys"));
		assertThat(controller.configuration().getBody()).containsEntry("issuer", "https://example.com/app")
			.containsEntry("jwks_uri", "https://example.com/app/keys");
	}

	@Test
	void documentWhenNoUseForItThenNotFound() {
		// HS256: nothing a resource server could verify with
		assertNotFound(controller(Map.of(), Map.of("jwtallauth.public-base-url", "https://example.com")));
		// the default issuer is no URL: no client can have found the document from it
		assertNotFound(controller(EC_SET, Map.of()));
		assertNotFound(controller(EC_SET,
				Map.of("jwtallauth.public-base-url", "https://example.com", "jwtallauth.jwt.issuer", "orders")));
		assertNotFound(controller(EC_SET, Map.of("jwtallauth.public-base-url", "https://example.com",
				"jwtallauth.jwt.discovery-enabled", "false")));
	}

	private static void assertNotFound(DiscoveryController controller) {
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(controller::configuration);
	}

	private static DiscoveryController controller(Map<String, Object> jwkSet, Map<String, String> properties) {
		JwtAllAuthProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("jwtallauth", JwtAllAuthProperties.class);
		TokenService tokens = mock(TokenService.class);
		given(tokens.jwkSet()).willReturn(jwkSet);
		return new DiscoveryController(tokens, bound.jwt(), bound.publicBaseUrl());
	}

}
