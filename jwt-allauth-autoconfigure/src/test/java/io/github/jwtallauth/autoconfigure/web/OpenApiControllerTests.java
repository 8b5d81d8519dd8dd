package io.github.jwtallauth.autoconfigure.web;

import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.test.OpenApiValidation;
import io.github.jwtallauth.autoconfigure.test.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI description: off unless asked for, and its paths under the
 * application's base path and JWK set path.
 */
class OpenApiControllerTests {

	@Test
	void whenNotEnabledThenNotServed() {
		AutoConfigurationRunners.core()
			.withPropertyValues(TestProperties.JWT_SECRET)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OpenApiController.class));
	}

	@Test
	void whenEnabledWithTheDefaultPathsThenTheCommittedDocument() {
		AutoConfigurationRunners.core()
			.withPropertyValues(TestProperties.JWT_SECRET, "jwtallauth.openapi.enabled=true")
			.run((context) -> assertThat(context.getBean(OpenApiController.class).document().getBody())
				.isEqualTo(OpenApiValidation.read()));
	}

	@Test
	void whenEnabledThenThePathsCarryTheConfiguredBasePathAndJwksPath() {
		AutoConfigurationRunners.core()
			.withPropertyValues(TestProperties.JWT_SECRET, "jwtallauth.openapi.enabled=true",
					"jwtallauth.base-path=/api/v1/auth", "jwtallauth.jwt.jwks-path=/keys.json")
			.run((context) -> {
				String document = context.getBean(OpenApiController.class).document().getBody();
				assertThat(document)
					.contains("\n  /api/v1/auth/login:\n", "\n  /api/v1/auth/sessions/{id}:\n",
							"\n  /api/v1/auth/openapi.yaml:\n", "\n  /keys.json:\n")
					.doesNotContain("\n  /jwt-allauth/", "\n  /.well-known/jwks.json:")
					// the references and the rest of the document are untouched
					.contains("$ref: '#/components/schemas/Session'");
				assertThat(document.lines().count()).isEqualTo(OpenApiValidation.read().lines().count());
			});
	}

}
