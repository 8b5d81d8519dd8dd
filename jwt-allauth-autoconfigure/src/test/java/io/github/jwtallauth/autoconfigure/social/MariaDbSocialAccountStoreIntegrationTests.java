package io.github.jwtallauth.autoconfigure.social;

import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

/**
 * The social account store and its migration on a real MariaDB.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { TestProperties.JWT_SECRET, "spring.datasource.hikari.maximum-pool-size=25",
				TestProperties.VALIDATE_SCHEMA,
				// a shared, long-lived database: the test application's own Flyway would
				// find it non-empty
				"spring.flyway.enabled=false" })
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
class MariaDbSocialAccountStoreIntegrationTests extends AbstractSocialAccountStoreTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
