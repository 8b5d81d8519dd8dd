package ${package};

import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tests of {@link ApplicationTests} on PostgreSQL, the production database: the one at
 * the JDBC URL in {@code JWTALLAUTH_TEST_POSTGRES_URL} when it is set (user and password as
 * URL parameters), else one that Testcontainers starts in Docker. Skipped, with a message,
 * when neither is available.
 */
@EnabledIf(value = "databaseAvailable",
		disabledReason = "PostgreSQL tests skipped: set " + ApplicationPostgresTests.URL_VARIABLE
				+ " to a JDBC URL or make Docker available for Testcontainers")
@Import(ApplicationPostgresTests.Database.class)
class ApplicationPostgresTests extends ApplicationTests {

	static final String URL_VARIABLE = "JWTALLAUTH_TEST_POSTGRES_URL";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			registry.add("spring.datasource.url", () -> url);
			// the user and the password are the URL's
			registry.add("spring.datasource.username", () -> "");
			registry.add("spring.datasource.password", () -> "");
		}
	}

	static boolean databaseAvailable() {
		boolean available = urlGiven() || dockerAvailable();
		if (!available) {
			// Surefire keeps the skip reason in its reports only: say it in the build log too
			System.err.println("PostgreSQL tests skipped: set " + URL_VARIABLE
					+ " to a JDBC URL or make Docker available for Testcontainers");
		}
		return available;
	}

	private static boolean urlGiven() {
		String url = System.getenv(URL_VARIABLE);
		return url != null && !url.isBlank();
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Database {

		@Bean
		@ServiceConnection
		@Conditional(NoUrlGiven.class)
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer("postgres:16-alpine");
		}

	}

	static class NoUrlGiven implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !urlGiven();
		}

	}

}
