package io.github.jwtallauth.autoconfigure.session;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

/**
 * The session store's rules and the migrations on a real MariaDB.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { TestProperties.JWT_SECRET, "spring.datasource.hikari.maximum-pool-size=25",
				TestProperties.VALIDATE_SCHEMA,
				// a shared, long-lived database: the test application's own Flyway would
				// find it non-empty
				"spring.flyway.enabled=false" })
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
class MariaDbSessionStoreIntegrationTests extends AbstractSessionStoreTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
