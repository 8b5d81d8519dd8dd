package io.github.jwtallauth.autoconfigure.actuate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox gauges on a real table: mails waiting (retries included) and mails given up
 * after the last attempt, from one count that serves scrapes for ten seconds.
 */
class OutboxGaugesTests {

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.core()
		.withConfiguration(AutoConfigurations.of(JwtAllAuthActuatorAutoConfiguration.class))
		.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-tests")
		.withUserConfiguration(Registries.class);

	@Test
	void gaugesWhenMailsWaitOrWereGivenUpThenCountedAndTheCountServesTenSeconds() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			MutableClock clock = context.getBean(MutableClock.class);
			// due far in the future, so that the running sender leaves them alone
			Instant later = clock.instant().plus(Duration.ofDays(1));
			insert(jdbc, later, 0, null);
			insert(jdbc, later, 3, null);
			insert(jdbc, later, 20, null);
			insert(jdbc, later, 0, clock.instant());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("jwtallauth.mail.outbox.pending").gauge().value()).isEqualTo(2);
			assertThat(registry.get("jwtallauth.mail.outbox.given.up").gauge().value()).isEqualTo(1);
			insert(jdbc, later, 0, null);
			assertThat(registry.get("jwtallauth.mail.outbox.pending").gauge().value()).isEqualTo(2);
			clock.advance(Duration.ofSeconds(10));
			assertThat(registry.get("jwtallauth.mail.outbox.pending").gauge().value()).isEqualTo(3);
			assertThat(registry.get("jwtallauth.mail.outbox.given.up").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void gaugesWhenNoOutboxTableThenNone() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAllAuthActuatorAutoConfiguration.class))
			.withUserConfiguration(Registries.class)
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).find("jwtallauth.mail.outbox.pending").gauge())
				.isNull());
	}

	private static void insert(JdbcTemplate jdbc, Instant nextAttempt, int attempts, @Nullable Instant sentAt) {
		jdbc.update(
				"insert into jwt_allauth_mail_outbox (recipient, subject, text_body, created, next_attempt, attempts, "
						+ "sent_at) values (?, ?, ?, ?, ?, ?, ?)",
				"someone@example.com", "Hello", "", Timestamp.from(nextAttempt), Timestamp.from(nextAttempt), attempts,
				(sentAt != null) ? Timestamp.from(sentAt) : null);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registries {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
