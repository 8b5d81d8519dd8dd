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
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.github.jwtallauth.autoconfigure.test.ServiceUnderTest;

/**
 * Finds a real database for an integration test, as {@link ServiceUnderTest} says: the
 * JDBC URL in an environment variable, else a Testcontainers container, else the test
 * class is skipped.
 */
public final class DatabaseUnderTest {

	private DatabaseUnderTest() {
	}

	public static void register(DynamicPropertyRegistry registry, String environmentVariable,
			Supplier<JdbcDatabaseContainer<?>> container) {
		String url = ServiceUnderTest.configured(environmentVariable);
		if (url != null) {
			registry.add("spring.datasource.url", () -> url);
			return;
		}
		JdbcDatabaseContainer<?> started = container.get();
		started.start();
		registry.add("spring.datasource.url", started::getJdbcUrl);
		registry.add("spring.datasource.username", started::getUsername);
		registry.add("spring.datasource.password", started::getPassword);
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
			return ServiceUnderTest.evaluate(requires.name(), requires.environmentVariable(),
					"a JDBC URL (user and password as parameters)");
		}

	}

}
