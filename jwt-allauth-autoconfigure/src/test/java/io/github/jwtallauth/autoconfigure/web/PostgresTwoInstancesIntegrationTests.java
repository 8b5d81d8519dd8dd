package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * Two instances over one PostgreSQL database.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
class PostgresTwoInstancesIntegrationTests extends TwoInstancesTests {

	@Override
	PrivateDatabase createDatabase() {
		return PrivateDatabase.create("JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

}
