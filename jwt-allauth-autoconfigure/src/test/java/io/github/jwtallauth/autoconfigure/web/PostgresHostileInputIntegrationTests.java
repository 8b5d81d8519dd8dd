package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * The hostile inputs against PostgreSQL, which refuses NUL characters in text that H2
 * accepts.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class PostgresHostileInputIntegrationTests extends HostileInputTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

}
