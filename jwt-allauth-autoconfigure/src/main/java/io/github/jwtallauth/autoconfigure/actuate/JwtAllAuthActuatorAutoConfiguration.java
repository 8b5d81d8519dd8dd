package io.github.jwtallauth.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.jwtallauth.autoconfigure.mail.OutboxBacklog;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimitStoreProbe;
import io.github.jwtallauth.autoconfigure.security.VerifiedTokenCache;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.SessionStore;

/**
 * Auto-configuration of jwt-allauth's Actuator support: health indicators for the session
 * store and for a shared rate-limit store when Spring Boot's health support is present,
 * and Micrometer counters, the mail outbox's gauges and the access-token cache's meters
 * when a {@link MeterRegistry} is. The timers come from the observations the endpoints
 * make, through Boot's {@code ObservationRegistry}.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { JwtAllAuthSessionAutoConfiguration.class, JwtAllAuthRateLimitAutoConfiguration.class })
public final class JwtAllAuthActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnBean(SessionStore.class)
	static final class HealthConfiguration {

		// read only once the class condition holds, since the condition's own class comes
		// with health
		@Bean
		@ConditionalOnEnabledHealthIndicator("jwtallauth")
		@ConditionalOnMissingBean(name = "jwtAllAuthHealthIndicator")
		SessionStoreHealthIndicator jwtAllAuthHealthIndicator(SessionStore store) {
			return new SessionStoreHealthIndicator(store);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnBean(RateLimitStoreProbe.class)
	static final class RateLimitHealthConfiguration {

		@Bean
		@ConditionalOnEnabledHealthIndicator("jwtallauth-rate-limit")
		@ConditionalOnMissingBean(name = "jwtAllAuthRateLimitHealthIndicator")
		RateLimitStoreHealthIndicator jwtAllAuthRateLimitHealthIndicator(RateLimitStoreProbe probe) {
			return new RateLimitStoreHealthIndicator(probe);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static final class MetricsConfiguration {

		// resolved when the bean is created, not when conditions run, so the order of the
		// metrics
		// auto-configuration does not matter; without a registry the counters stay off
		@Bean
		@ConditionalOnMissingBean
		JwtAllAuthMetrics jwtAllAuthMetrics(ObjectProvider<MeterRegistry> registry,
				ObjectProvider<OutboxBacklog> backlog, ObjectProvider<VerifiedTokenCache> tokenCache) {
			return new JwtAllAuthMetrics(registry.getIfUnique(), backlog.getIfAvailable(), tokenCache.getIfAvailable());
		}

	}

}
