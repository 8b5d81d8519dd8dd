package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The discovery document lets a standard resource server find the keys from the issuer
 * alone, and the access token's roles claim gives it the same authorities as the issuing
 * application. The issuer is the public base URL, so the port is fixed before start-up.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "jwtallauth.jwt.algorithm=ES256", "jwtallauth.jwt.generate-development-key=true",
				"spring.jpa.hibernate.ddl-auto=none" })
class DiscoveryDocumentTests {

	private static final int PORT = freePort();

	private static final String ISSUER = "http://127.0.0.1:" + PORT;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("jwtallauth.public-base-url", () -> ISSUER + "/");
	}

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(PORT);
	}

	@Test
	void discoveryDocumentWhenAsymmetricThenNamesIssuerKeysAndAlgorithmOnly() {
		Response document = this.http.get("/.well-known/openid-configuration").send();
		assertThat(document.status()).as(document.toString()).isEqualTo(200);
		assertThat(document.json().propertyNames()).containsExactly("issuer", "jwks_uri",
				"id_token_signing_alg_values_supported");
		assertThat(document.text("issuer")).isEqualTo(ISSUER);
		assertThat(document.text("jwks_uri")).isEqualTo(ISSUER + "/.well-known/jwks.json");
		assertThat(document.json().get("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("ES256");
		assertThat(document.header("Cache-Control")).hasValue("max-age=300, public");
		assertThat(this.http.get("/.well-known/openid-configuration/").send().status()).isEqualTo(200);
	}

	@Test
	void accessTokenWhenDecodedFromTheIssuerAloneThenRolesClaimGivesTheSameAuthority() {
		UserAccount staff = new TestUsers(this.accounts, this.passwordEncoder).staff();
		Response login = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(staff)).send();
		String access = login.text("access");
		Response hello = this.http.get("/api/hello").bearer(access).send();

		// what spring.security.oauth2.resourceserver.jwt.issuer-uri does
		JwtDecoder decoder = JwtDecoders.fromIssuerLocation(ISSUER);
		Jwt jwt = decoder.decode(access);
		assertThat(jwt.getIssuer()).hasToString(ISSUER);
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("STAFF");
		// what authorities-claim-name=roles and authority-prefix=ROLE_ do
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		List<String> granted = converter.convert(jwt)
			.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
		// (Spring Security adds FACTOR_BEARER, the way the token was presented)
		assertThat(granted).filteredOn((authority) -> authority.startsWith("ROLE_")).containsExactly("ROLE_STAFF");
		assertThat(hello.json().get("authorities").get(0).asString()).isEqualTo("ROLE_STAFF");

		// a refresh token is never accepted: HMAC, no kid, not in the JWK set
		String refresh = login.cookieValue("refresh_token").orElseThrow();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(refresh));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
