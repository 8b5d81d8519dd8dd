package io.github.jwtallauth.autoconfigure.test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.flows.JwtAllAuthPasswordAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthMailAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mfa.JwtAllAuthMfaAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthWebSecurityAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.web.JwtAllAuthWebAutoConfiguration;

/**
 * The web applications the auto-configuration tests start: an in-memory database, JPA,
 * Spring MVC and Spring Security, with jwt-allauth's auto-configurations on top.
 */
public final class AutoConfigurationRunners {

	private AutoConfigurationRunners() {
	}

	/**
	 * Tokens, accounts, sessions, mail and the web and security layers, without the
	 * account flows, the rate limits and MFA.
	 * @return the runner
	 */
	public static WebApplicationContextRunner core() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class, JwtAllAuthTokenAutoConfiguration.class,
					JwtAllAuthAccountAutoConfiguration.class, JwtAllAuthSessionAutoConfiguration.class,
					JwtAllAuthMailAutoConfiguration.class, JwtAllAuthWebAutoConfiguration.class,
					JwtAllAuthWebSecurityAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "spring.jpa.hibernate.ddl-auto=none");
	}

	/**
	 * Every jwt-allauth auto-configuration but the social and actuator ones: the core,
	 * the account flows, the rate limits and MFA.
	 * @return the runner
	 */
	public static WebApplicationContextRunner full() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					JwtAllAuthTokenAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class,
					JwtAllAuthSessionAutoConfiguration.class, JwtAllAuthMailAutoConfiguration.class,
					JwtAllAuthRateLimitAutoConfiguration.class, JwtAllAuthPasswordAutoConfiguration.class,
					JwtAllAuthMfaAutoConfiguration.class, JwtAllAuthWebAutoConfiguration.class,
					JwtAllAuthWebSecurityAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "spring.jpa.hibernate.ddl-auto=none");
	}

}
