package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How an endpoint's operation is observed: with no registry nothing is recorded and
 * nothing changes; a problem becomes {@code outcome=failure} with its wire code and is
 * attached to the span; any other exception becomes {@code server_error} and is not
 * attached, since its message may quote anything.
 */
class ObservationsTests {

	private static final KeyValues KEYS = KeyValues.of("method", "password", "mfa", "none");

	@Test
	void contextWhenNoObservationRegistryThenStartsWithEveryObservedEndpoint() {
		AutoConfigurationRunners.full()
			.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-tests",
					"jwtallauth.mfa.mode=optional",
					"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
					"jwtallauth.public-base-url=https://app.example.com")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ObservationRegistry.class)
				.hasSingleBean(AuthenticationController.class)
				.hasSingleBean(MfaController.class));
	}

	@Test
	void contextWhenObservationRegistryThenStarts() {
		AutoConfigurationRunners.core()
			.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-tests")
			.withUserConfiguration(Registry.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(AuthenticationController.class));
	}

	@Test
	void observeWhenNoopThenTheOperationRunsAndItsExceptionPasses() {
		Observations observations = new Observations(ObservationRegistry.NOOP);
		String answer = observations.observe(JwtAllAuthObservation.LOGIN, KEYS, (observation) -> "answer");
		assertThat(answer).isEqualTo("answer");
		JwtAllAuthException problem = new JwtAllAuthException(ErrorCode.INCORRECT_CREDENTIALS);
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> observations.observe(JwtAllAuthObservation.LOGIN, KEYS, (observation) -> {
				throw problem;
			}))
			.isSameAs(problem);
	}

	@Test
	void observeWhenProblemThenFailureWithItsWireCodeAndTheErrorAttached() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		JwtAllAuthException problem = new JwtAllAuthException(ErrorCode.SESSION_REVOKED);
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(() -> new Observations(registry)
			.observe(JwtAllAuthObservation.REFRESH, KeyValues.of("method", "body"), (observation) -> {
				throw problem;
			}));
		Observation.Context context = single(registry);
		assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrderElementsOf(
				KeyValues.of("outcome", "failure", "code", "token_not_valid", "method", "body"));
		assertThat(context.getError()).isSameAs(problem);
	}

	@Test
	void observeWhenUnexpectedExceptionThenServerErrorAndNothingOfItsMessage() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		assertThatIllegalStateException()
			.isThrownBy(() -> new Observations(registry).observe(JwtAllAuthObservation.LOGIN, KEYS, (observation) -> {
				throw new IllegalStateException("duplicate key ada@example.com");
			}));
		Observation.Context context = single(registry);
		assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrderElementsOf(
				KeyValues.of("outcome", "failure", "code", "server_error", "method", "password", "mfa", "none"));
		assertThat(context.getError()).isNull();
	}

	private static Observation.Context single(TestObservationRegistry registry) {
		List<Observation.Context> found = new ArrayList<>();
		assertThat(registry).hasHandledContextsThatSatisfy(found::addAll);
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
