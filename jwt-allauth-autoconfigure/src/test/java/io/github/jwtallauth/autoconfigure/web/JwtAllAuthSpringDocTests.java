package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With springdoc on the classpath, the application's own document holds jwt-allauth's
 * endpoints once each, typed, under the configured base path, next to the application's
 * endpoints.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "springdoc.api-docs.enabled=true",
				"jwtallauth.base-path=/auth" })
class JwtAllAuthSpringDocTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void theApplicationsDocumentHoldsJwtAllAuthsDescriptionOnce() {
		HttpTestClient http = new HttpTestClient(this.port, "/auth");
		String access = http.post("/auth/login")
			.json(TestUsers.loginJson(new TestUsers(this.accounts, this.passwordEncoder).user()))
			.send()
			.text("access");
		Response response = http.get("/v3/api-docs").bearer(access).send();
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = response.json();
		List<String> paths = new ArrayList<>(document.get("paths").propertyNames());
		// the application's own endpoints are still scanned
		assertThat(paths).contains("/api/hello");
		// jwt-allauth's come from its description: under the configured base path,
		// without
		// the trailing-slash twins springdoc's scan would add
		assertThat(paths).contains("/auth/login", "/auth/refresh", "/auth/sessions/{id}", "/.well-known/jwks.json")
			.noneMatch((path) -> path.startsWith("/jwt-allauth"))
			.noneMatch((path) -> path.startsWith("/auth") && path.endsWith("/"));
		JsonNode login = document.get("paths").get("/auth/login").get("post");
		assertThat(login.get("operationId").asString()).isEqualTo("login");
		assertThat(login.get("responses").get("200").get("content").get("application/json").get("schema").toString())
			.contains("#/components/schemas/JwtAllAuthSession");
		JsonNode components = document.get("components");
		assertThat(components.get("schemas").has("JwtAllAuthProblem")).isTrue();
		assertThat(components.get("schemas").has("Problem")).isFalse();
		assertThat(components.get("securitySchemes").has("bearerAuth")).isTrue();
		assertThat(components.get("securitySchemes").has("refreshCookie")).isTrue();
		// each operation once: springdoc's own description of the controllers is hidden
		List<String> loginIds = new ArrayList<>();
		document.get("paths").forEach((item) -> item.forEach((operation) -> {
			if (operation.has("operationId") && operation.get("operationId").asString().startsWith("login")) {
				loginIds.add(operation.get("operationId").asString());
			}
		}));
		assertThat(loginIds).containsExactly("login");
	}

}
