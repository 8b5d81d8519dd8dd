package io.github.jwtallauth.autoconfigure.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.testcontainers.DockerClientFactory;

/**
 * What the integration tests of a real service (PostgreSQL, MariaDB, Redis) share: the
 * service is the one named by an environment variable when it is set (CI starts local
 * servers and sets them), else a Testcontainers container when Docker is available, else
 * the test class is skipped with a message, in the build log too, saying how to run it.
 */
public final class ServiceUnderTest {

	private ServiceUnderTest() {
	}

	/**
	 * The address the environment gives.
	 * @param environmentVariable the variable
	 * @return its value, or {@code null} when it is unset or blank
	 */
	public static @Nullable String configured(String environmentVariable) {
		String value = System.getenv(environmentVariable);
		return (value != null && !value.isBlank()) ? value : null;
	}

	/**
	 * Whether the service can be had: from the environment or from Testcontainers.
	 * @param environmentVariable the variable naming the service
	 * @return whether a test of it can run
	 */
	public static boolean available(String environmentVariable) {
		return configured(environmentVariable) != null || dockerAvailable();
	}

	/**
	 * Run the tests of a service, or skip them saying how to run them.
	 * @param name the service, for the messages
	 * @param environmentVariable the variable naming the service
	 * @param value what the variable holds, for the skip message
	 * @return the decision
	 */
	public static ConditionEvaluationResult evaluate(String name, String environmentVariable, String value) {
		if (configured(environmentVariable) != null) {
			return ConditionEvaluationResult.enabled(name + " from " + environmentVariable);
		}
		if (dockerAvailable()) {
			return ConditionEvaluationResult.enabled(name + " from Testcontainers");
		}
		String reason = name + " integration tests skipped: set " + environmentVariable + " to " + value
				+ " or make Docker available for Testcontainers";
		// surefire keeps skip reasons in its reports only; say it in the build log too
		System.err.println("[jwt-allauth] " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
