package io.github.jwtallauth.autoconfigure.ratelimit;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * The failed-login limits with the jdbc backend on MariaDB: Bucket4j's compare-and-swap
 * on a real database, shared by every instance.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class MariaDbBruteForceIntegrationTests extends JdbcBruteForceTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
