package io.github.jwtallauth.autoconfigure.ratelimit;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Finds a real Redis for a test: the URL in {@code JWTALLAUTH_TEST_REDIS_URL} when set
 * (CI starts a local server and sets it), else a Testcontainers container when Docker is
 * available, else the test class is skipped with a message saying how to run it. The
 * server may be shared with other test runs: tests use keys of their own and never flush
 * it.
 */
public final class RedisUnderTest {

	/** The environment variable holding the Redis URL. */
	public static final String ENVIRONMENT_VARIABLE = "JWTALLAUTH_TEST_REDIS_URL";

	private static String url;

	private RedisUnderTest() {
	}

	/**
	 * The URL of the Redis under test, starting a container the first time when there is
	 * no environment variable.
	 * @return a {@code redis://} URL
	 */
	public static synchronized String url() {
		if (url == null) {
			String configured = System.getenv(ENVIRONMENT_VARIABLE);
			if (configured != null && !configured.isBlank()) {
				url = configured;
			}
			else {
				GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
				container.start();
				url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
			}
		}
		return url;
	}

	/**
	 * Whether a Redis is available to the tests.
	 * @return whether {@link #url()} will answer
	 */
	public static boolean available() {
		String configured = System.getenv(ENVIRONMENT_VARIABLE);
		return (configured != null && !configured.isBlank()) || dockerAvailable();
	}

	/**
	 * A URL where no Redis listens: a port just taken from the system and given back.
	 * @return a {@code redis://} URL that refuses connections
	 */
	public static String closedPortUrl() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "redis://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean dockerAvailable() {
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

	}

	public static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (available()) {
				return ConditionEvaluationResult.enabled("Redis available");
			}
			String reason = "Redis integration tests skipped: set " + ENVIRONMENT_VARIABLE
					+ " to a Redis URL (e.g. redis://127.0.0.1:6379) or make Docker available for Testcontainers";
			// surefire keeps skip reasons in its reports only; say it in the build log
			// too
			System.err.println("[jwt-allauth] " + reason);
			return ConditionEvaluationResult.disabled(reason);
		}

	}

}
