package io.github.jwtallauth.autoconfigure.flows;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * MFA end to end on MariaDB: the MFA tables, replay refusal, recovery codes spent once,
 * and the lockout counted in the database.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class MariaDbMfaIntegrationTests extends MfaFlowTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
