package io.github.jwtallauth.autoconfigure.web;

import io.micrometer.observation.ObservationRegistry;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.CompositeRequestRejectedHandler;
import org.springframework.security.web.firewall.ObservationMarkingRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.RejectedRequests;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPaths;
import io.github.jwtallauth.autoconfigure.security.ProblemRequestRejectedHandler;

/**
 * Auto-configuration of the problem answers to requests refused before any controller
 * runs: Spring Security's firewall rejections ({@link ProblemRequestRejectedHandler},
 * backing off when the application declares a {@link RequestRejectedHandler}) and, on
 * Tomcat, the requests Tomcat refuses itself ({@link ProblemErrorReportValve}). Scoped by
 * {@code jwtallauth.rejected-requests}: jwt-allauth's paths by default, every path, or
 * off ({@code none}).
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = JwtAllAuthWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(JwtAllAuthRejectedRequestsAutoConfiguration.RejectedRequestsAnswered.class)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthRejectedRequestsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	RequestRejectedHandler jwtAllAuthRequestRejectedHandler(ProblemResponseWriter writer,
			JwtAllAuthProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
		RequestRejectedHandler handler = new ProblemRequestRejectedHandler(writer, scope(properties));
		ObservationRegistry registry = observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
		if (registry.isNoop()) {
			return handler;
		}
		// Spring Security marks the request's observation as failed with its own default;
		// keep doing so
		return new CompositeRequestRejectedHandler(new ObservationMarkingRequestRejectedHandler(registry), handler);
	}

	static @Nullable JwtAllAuthPaths scope(JwtAllAuthProperties properties) {
		return (properties.rejectedRequests() == RejectedRequests.ALL_PATHS) ? null : new JwtAllAuthPaths(
				properties.basePath(), properties.jwt().jwksPath(), JwtAllAuthProperties.Jwt.DISCOVERY_PATH);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	static final class TomcatConfiguration {

		@Bean
		ProblemErrorReportValveCustomizer jwtAllAuthProblemErrorReportValveCustomizer(ProblemResponseWriter writer,
				JwtAllAuthProperties properties) {
			return new ProblemErrorReportValveCustomizer(writer, scope(properties));
		}

	}

	static final class RejectedRequestsAnswered extends NoneNestedConditions {

		RejectedRequestsAnswered() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "jwtallauth.rejected-requests", havingValue = "none")
		static final class Off {

		}

	}

}
