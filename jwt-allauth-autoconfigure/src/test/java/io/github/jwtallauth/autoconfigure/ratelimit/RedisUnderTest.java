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
import org.testcontainers.containers.GenericContainer;

import io.github.jwtallauth.autoconfigure.test.ServiceUnderTest;

/**
 * Finds a real Redis for a test, as {@link ServiceUnderTest} says: the URL in
 * {@code JWTALLAUTH_TEST_REDIS_URL}, else a Testcontainers container, else the test class
 * is skipped. The server may be shared with other test runs: tests use keys of their own
 * and never flush it.
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
			String configured = ServiceUnderTest.configured(ENVIRONMENT_VARIABLE);
			if (configured != null) {
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
		return ServiceUnderTest.available(ENVIRONMENT_VARIABLE);
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

	/** Skips the annotated test class when neither the URL nor Docker is available. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ExtendWith(Condition.class)
	public @interface Requires {

	}

	public static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return ServiceUnderTest.evaluate("Redis", ENVIRONMENT_VARIABLE,
					"a Redis URL (e.g. redis://127.0.0.1:6379)");
		}

	}

}
