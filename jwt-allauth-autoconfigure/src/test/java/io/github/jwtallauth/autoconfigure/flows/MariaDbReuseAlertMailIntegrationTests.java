package io.github.jwtallauth.autoconfigure.flows;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * The refresh-token reuse alert on MariaDB: the hourly limit decided by the database,
 * also between concurrent replays.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class MariaDbReuseAlertMailIntegrationTests extends ReuseAlertMailTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
