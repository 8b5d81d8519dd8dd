package io.github.jwtallauth.autoconfigure.flows;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * The refresh-token reuse alert on PostgreSQL: the hourly limit decided by the database,
 * also between concurrent replays.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class PostgresReuseAlertMailIntegrationTests extends ReuseAlertMailTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

}
