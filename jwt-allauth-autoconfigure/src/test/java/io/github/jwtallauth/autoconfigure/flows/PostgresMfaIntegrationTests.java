package io.github.jwtallauth.autoconfigure.flows;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * MFA end to end on PostgreSQL: the MFA tables, replay refusal, recovery codes spent
 * once, and the lockout counted in the database.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class PostgresMfaIntegrationTests extends MfaFlowTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

}
