package io.github.jwtallauth.autoconfigure.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.OpenApiValidation;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.yaml against the running endpoints: every endpoint of jwt-allauth's
 * controllers is documented, once and without its trailing-slash twin, and the document
 * names nothing that does not exist. The answers themselves are checked by every test
 * that uses {@link HttpTestClient}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.openapi.enabled=true",
				"jwtallauth.registration.invitations=true", "jwtallauth.mfa.mode=optional",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"spring.security.oauth2.client.registration.google.client-id=openapi-tests",
				"spring.security.oauth2.client.registration.google.client-secret=openapi-tests-secret" })
class OpenApiDocumentTests {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyEndpointIsDocumentedAndEveryDocumentedOperationExists() {
		assertThat(documentedOperations()).isEqualTo(endpoints());
	}

	@Test
	void everyEndpointAlsoAnswersWithATrailingSlashWhichTheDocumentLeavesOut() {
		Set<String> withSlash = new TreeSet<>();
		Set<String> without = new TreeSet<>();
		forEachEndpoint((method, pattern) -> {
			if (pattern.endsWith("/")) {
				withSlash.add(method + " " + pattern.substring(0, pattern.length() - 1));
			}
			else {
				without.add(method + " " + pattern);
			}
		});
		assertThat(withSlash).isEqualTo(without);
		assertThat(paths().keySet()).noneMatch((path) -> path.endsWith("/"));
	}

	@Test
	void everyOperationHasAStableUniqueIdAndEveryErrorIsAProblem() {
		List<String> ids = new ArrayList<>();
		paths().values().forEach((item) -> item.forEach((method, operation) -> {
			if (METHODS.contains(method)) {
				Map<String, Object> op = map(operation);
				assertThat(op.get("operationId")).as(method + " operationId").isInstanceOf(String.class);
				ids.add((String) op.get("operationId"));
				map(op.get("responses")).forEach((status, response) -> {
					if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
						assertThat(String.valueOf(response)).as(op.get("operationId") + " " + status)
							.satisfiesAnyOf((text) -> assertThat(text).contains("#/components/schemas/Problem"),
									(text) -> assertThat(text).contains("#/components/responses/CommonProblem"),
									(text) -> assertThat(text).contains("text/html"));
					}
				});
			}
		}));
		assertThat(ids).doesNotHaveDuplicates()
			.contains("login", "refresh", "logout", "logoutAll", "register", "getUser", "jwks");
	}

	@Test
	void theDocumentIsOpenApi31WithTheBearerAndRefreshCookieSchemes() {
		Map<String, Object> document = document();
		assertThat(document.get("openapi")).isEqualTo("3.1.0");
		Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
		assertThat(map(schemes.get("bearerAuth"))).containsEntry("type", "http").containsEntry("scheme", "bearer");
		assertThat(map(schemes.get("refreshCookie"))).containsEntry("type", "apiKey")
			.containsEntry("in", "cookie")
			.containsEntry("name", "refresh_token");
	}

	@Test
	void theServedDocumentIsTheCommittedOneWithoutAuthentication() {
		Response response = new HttpTestClient(this.port).get("/jwt-allauth/openapi.yaml").send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/yaml"));
		assertThat(response.body()).isEqualTo(OpenApiValidation.read());
	}

	@Test
	void anUndocumentedAnswerIsAFailure() {
		// the check every HTTP test relies on does fail: a status login never answers, a
		// session without its access token, a problem with another endpoint's code
		assertThat(OpenApiValidation.problems("POST", URI.create("/jwt-allauth/login"), 200,
				Map.of("Content-Type", List.of("application/json")), "{\"refresh\":\"x\"}"))
			.isNotEmpty();
		assertThat(OpenApiValidation.problems("POST", URI.create("/jwt-allauth/login"), 401,
				Map.of("Content-Type", List.of("application/problem+json")),
				"{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"x\",\"code\":\"mfa_invalid_code\"}"))
			.isNotEmpty();
		assertThat(OpenApiValidation.problems("GET", URI.create("/jwt-allauth/user"), 200,
				Map.of("Content-Type", List.of("application/json")), "{\"id\":1}"))
			.isNotEmpty();
		assertThat(OpenApiValidation.problems("POST", URI.create("/jwt-allauth/login"), 200,
				Map.of("Content-Type", List.of("application/json")), "{\"access\":\"x\"}"))
			.isEmpty();
	}

	private Set<String> endpoints() {
		Set<String> endpoints = new TreeSet<>();
		forEachEndpoint((method, pattern) -> {
			if (!pattern.endsWith("/")) {
				endpoints.add(method + " " + pattern);
			}
		});
		return endpoints;
	}

	private void forEachEndpoint(BiConsumer<String, String> action) {
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			if (!entry.getValue().getBeanType().getPackageName().equals(getClass().getPackageName())) {
				continue;
			}
			RequestMappingInfo info = entry.getKey();
			assertThat(info.getMethodsCondition().getMethods()).as(info.toString()).isNotEmpty();
			for (RequestMethod method : info.getMethodsCondition().getMethods()) {
				for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
					action.accept(method.name(), pattern);
				}
			}
		}
	}

	private static Set<String> documentedOperations() {
		Set<String> operations = new TreeSet<>();
		paths().forEach((path, item) -> item.keySet()
			.stream()
			.filter(METHODS::contains)
			.forEach((method) -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
		return operations;
	}

	private static Map<String, Map<String, Object>> paths() {
		Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
		map(document().get("paths")).forEach((path, item) -> paths.put(path, map(item)));
		return paths;
	}

	private static Map<String, Object> document() {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(OpenApiValidation.read());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
