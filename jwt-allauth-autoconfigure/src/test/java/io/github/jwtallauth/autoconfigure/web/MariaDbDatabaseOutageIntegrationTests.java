package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.mariadb.MariaDBContainer;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * A MariaDB outage under load, through the proxy alone.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_MARIADB_URL", name = "MariaDB")
class MariaDbDatabaseOutageIntegrationTests extends DatabaseOutageTests {

	@Override
	PrivateDatabase createDatabase() {
		return PrivateDatabase.create("JWTALLAUTH_TEST_MARIADB_URL", () -> new MariaDBContainer("mariadb:11"));
	}

	@Override
	String timeouts() {
		return "connectTimeout=2000&socketTimeout=10000";
	}

	@Override
	void terminateBackends(String applicationName) {
		// the proxy's outage is enough here
	}

}
