package io.github.jwtallauth.autoconfigure.web;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;

/**
 * A PostgreSQL outage under load; the second drop is {@code pg_terminate_backend} of the
 * application's connections, found by their {@code ApplicationName}.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
class PostgresDatabaseOutageIntegrationTests extends DatabaseOutageTests {

	@Override
	PrivateDatabase createDatabase() {
		return PrivateDatabase.create("JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

	@Override
	String timeouts() {
		// prepareThreshold=0: the driver names every statement anew, COMMIT included, so
		// that the proxy sees the word in the protocol
		return "connectTimeout=2&socketTimeout=10&prepareThreshold=0&ApplicationName=" + applicationName();
	}

	@Override
	void terminateBackends(String applicationName) {
		database().execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
				+ applicationName + "'");
	}

}
