package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.mariadb.MariaDBContainer;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * Two instances over one MariaDB database.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
class MariaDbTwoInstancesIntegrationTests extends TwoInstancesTests {

	@Override
	PrivateDatabase createDatabase() {
		return PrivateDatabase.create("JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

}
