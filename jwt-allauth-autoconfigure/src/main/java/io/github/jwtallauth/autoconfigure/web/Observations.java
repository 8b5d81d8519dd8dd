package io.github.jwtallauth.autoconfigure.web;

import java.util.function.Function;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation.Key;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Runs an endpoint's operation inside a {@link JwtAllAuthObservation}: success or
 * failure, and the problem code the client receives, become its {@code outcome} and
 * {@code code}. Opened as the current observation, so that a span started inside (a JDBC
 * one, for instance) becomes its child. Without an {@link ObservationRegistry} bean this
 * is {@link ObservationRegistry#NOOP}, which records nothing.
 *
 * @author jwt-allauth contributors
 */
final class Observations {

	static final String SERVER_ERROR = "server_error";

	private final ObservationRegistry registry;

	Observations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The observations of an application's registry, or none without one.
	 * @param registry the registry, when the application has one
	 * @return the observations
	 */
	static Observations of(ObjectProvider<ObservationRegistry> registry) {
		return new Observations(registry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	/**
	 * Observe an operation.
	 * @param <T> the operation's result
	 * @param observation what is observed
	 * @param keyValues the observation's own keys but {@code outcome} and {@code code},
	 * each with its value or its default; the operation may change them
	 * @param operation the operation; it receives the started observation
	 * @return what the operation returned
	 */
	<T> T observe(JwtAllAuthObservation observation, KeyValues keyValues, Function<Observation, T> operation) {
		Observation started = observation.observation(this.registry).lowCardinalityKeyValues(keyValues).start();
		try (Observation.Scope scope = started.openScope()) {
			T result = operation.apply(started);
			started.lowCardinalityKeyValue(Key.OUTCOME.asString(), "success")
				.lowCardinalityKeyValue(Key.CODE.asString(), JwtAllAuthObservation.NO_CODE);
			return result;
		}
		catch (JwtAllAuthException ex) {
			// the wire code, one of ErrorCode's fixed set; the message is the fixed
			// English detail, never a field value, so the span may carry it
			started.lowCardinalityKeyValue(Key.OUTCOME.asString(), "failure")
				.lowCardinalityKeyValue(Key.CODE.asString(), ex.getCode())
				.error(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			// not attached: an unexpected exception's message may quote anything, an
			// address included
			started.lowCardinalityKeyValue(Key.OUTCOME.asString(), "failure")
				.lowCardinalityKeyValue(Key.CODE.asString(), SERVER_ERROR);
			throw ex;
		}
		finally {
			started.stop();
		}
	}

}
