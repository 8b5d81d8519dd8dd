package io.github.jwtallauth.autoconfigure.test;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A {@link MutableClock} as the application's {@code Clock} bean, starting now: import it
 * to move time in a test (expiries, lockouts, TOTP steps, retries).
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

	@Bean
	MutableClock clock() {
		return new MutableClock(Instant.now());
	}

}
