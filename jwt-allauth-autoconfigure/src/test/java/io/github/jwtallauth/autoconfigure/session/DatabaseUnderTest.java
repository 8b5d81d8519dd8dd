package io.github.jwtallauth.autoconfigure.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Finds a real database for an integration test: the URL in an environment variable when
 * set (CI starts local PostgreSQL and MariaDB and sets them), else a Testcontainers
 * container when Docker is available, else the test class is skipped with a message
 * saying how to run it.
 */
public final class DatabaseUnderTest {

	private DatabaseUnderTest() {
	}

	public static void register(DynamicPropertyRegistry registry, String environmentVariable,
			Supplier<JdbcDatabaseContainer<?>> container) {
		String url = System.getenv(environmentVariable);
		if (url != null && !url.isBlank()) {
			registry.add("spring.datasource.url", () -> url);
			return;
		}
		JdbcDatabaseContainer<?> started = container.get();
		started.start();
		registry.add("spring.datasource.url", started::getJdbcUrl);
		registry.add("spring.datasource.username", started::getUsername);
		registry.add("spring.datasource.password", started::getPassword);
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/** Skips the annotated test class when neither the URL nor Docker is available. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ExtendWith(Condition.class)
	public @interface Requires {

		/** The environment variable holding the JDBC URL. */
		String environmentVariable();

		/** The database's name, for the skip message. */
		String name();

	}

	public static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			Requires requires = context.getTestClass()
				.map((type) -> AnnotatedElementUtils.findMergedAnnotation(type, Requires.class))
				.orElse(null);
			if (requires == null) {
				return ConditionEvaluationResult.enabled("no database required");
			}
			String url = System.getenv(requires.environmentVariable());
			if (url != null && !url.isBlank()) {
				return ConditionEvaluationResult.enabled(requires.name() + " from " + requires.environmentVariable());
			}
			if (dockerAvailable()) {
				return ConditionEvaluationResult.enabled(requires.name() + " from Testcontainers");
			}
			String reason = requires.name() + " integration tests skipped: set " + requires.environmentVariable()
					+ " to a JDBC URL (user and password as parameters) or make Docker available for Testcontainers";
			// surefire keeps skip reasons in its reports only; say it in the build log
			// too
			System.err.println("[jwt-allauth] " + reason);
			return ConditionEvaluationResult.disabled(reason);
		}

	}

}
