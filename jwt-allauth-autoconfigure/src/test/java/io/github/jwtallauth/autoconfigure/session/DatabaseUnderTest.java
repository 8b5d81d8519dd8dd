package io.github.jwtallauth.autoconfigure.session;

import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Finds a real database for an integration test: the URL in an environment variable when set (CI
 * starts local PostgreSQL and MariaDB and sets them), else a Testcontainers container when Docker
 * is available, else the test is skipped with a message saying how to run it.
 */
final class DatabaseUnderTest {

	private DatabaseUnderTest() {
	}

	static void register(DynamicPropertyRegistry registry, String environmentVariable, String name,
			Supplier<JdbcDatabaseContainer<?>> container) {
		String url = System.getenv(environmentVariable);
		if (url != null && !url.isBlank()) {
			registry.add("spring.datasource.url", () -> url);
			return;
		}
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			docker = false;
		}
		Assumptions.assumeTrue(docker, name + " integration tests skipped: set " + environmentVariable
				+ " to a JDBC URL (with user and password parameters) or make Docker available for Testcontainers");
		JdbcDatabaseContainer<?> started = container.get();
		started.start();
		registry.add("spring.datasource.url", started::getJdbcUrl);
		registry.add("spring.datasource.username", started::getUsername);
		registry.add("spring.datasource.password", started::getPassword);
	}

}
