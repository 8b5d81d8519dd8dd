package io.github.jwtallauth.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;

import io.github.jwtallauth.autoconfigure.session.LoginFailedEvent;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;
import io.github.jwtallauth.autoconfigure.session.SessionRefreshedEvent;
import io.github.jwtallauth.autoconfigure.session.SessionStore;
import io.github.jwtallauth.autoconfigure.session.UserLoggedInEvent;
import io.github.jwtallauth.autoconfigure.social.SocialLoginEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class JwtAllAuthActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAllAuthActuatorAutoConfiguration.class));

	@Test
	void metricsWhenRegistryPresentThenEventsCounted() {
		this.runner.withUserConfiguration(Registry.class).run((context) -> {
			context.publishEvent(new UserLoggedInEvent("1", "s"));
			context.publishEvent(new UserLoggedInEvent("1", "t"));
			context.publishEvent(new SocialLoginEvent("2", "u", "google"));
			context.publishEvent(new LoginFailedEvent("a@example.com", "incorrect_credentials"));
			context.publishEvent(new LoginFailedEvent("b@example.com", "account_inactive"));
			context.publishEvent(new SessionRefreshedEvent("1", "s"));
			context.publishEvent(new RefreshTokenReuseDetectedEvent("1", "s"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("jwtallauth.logins")
				.tag("outcome", "success")
				.tag("method", "password")
				.counter()
				.count()).isEqualTo(2);
			assertThat(registry.get("jwtallauth.logins")
				.tag("outcome", "success")
				.tag("method", "social")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("jwtallauth.logins").tag("outcome", "incorrect_credentials").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("jwtallauth.logins").tag("outcome", "account_inactive").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("jwtallauth.refreshes").counter().count()).isEqualTo(1);
			assertThat(registry.get("jwtallauth.refresh.reuse").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void metricsWhenNoRegistryThenEventsIgnored() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JwtAllAuthMetrics.class);
			context.publishEvent(new UserLoggedInEvent("1", "s"));
		});
	}

	@Test
	void metricsWhenMicrometerAbsentThenNoBean() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtAllAuthMetrics.class));
	}

	@Test
	void healthWhenStoreAnswersThenUpAndWhenItFailsThenDown() {
		this.runner.withUserConfiguration(Store.class).run((context) -> {
			SessionStoreHealthIndicator indicator = context.getBean(SessionStoreHealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			given(context.getBean(SessionStore.class).exists(anyString()))
				.willThrow(new DataAccessResourceFailureException("connection refused"));
			Health down = indicator.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void healthWhenDisabledOrHealthSupportAbsentThenNoIndicator() {
		this.runner.withUserConfiguration(Store.class)
			.withPropertyValues("management.health.jwtallauth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreHealthIndicator.class));
		this.runner.withUserConfiguration(Store.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStoreHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Store {

		@Bean
		SessionStore sessionStore() {
			return mock(SessionStore.class);
		}

	}

}
