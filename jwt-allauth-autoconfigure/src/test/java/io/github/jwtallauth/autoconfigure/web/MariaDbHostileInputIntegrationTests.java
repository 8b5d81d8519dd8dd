package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * The hostile inputs against MariaDB.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class MariaDbHostileInputIntegrationTests extends HostileInputTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
