package io.github.jwtallauth.autoconfigure.social;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.test.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social login is there when the application registers OAuth 2.0 clients and stores
 * accounts in a database, and absent, with nothing else changed, otherwise.
 */
class JwtAllAuthSocialAutoConfigurationTests {

	// a provider given by its endpoints, so that nothing is fetched at start-up
	private static final String[] REGISTRATION = {
			"spring.security.oauth2.client.registration.acme.client-id=acme-client",
			"spring.security.oauth2.client.registration.acme.client-secret=acme-secret",
			"spring.security.oauth2.client.registration.acme.authorization-grant-type=authorization_code",
			"spring.security.oauth2.client.registration.acme.redirect-uri=https://app.example.com/callback",
			"spring.security.oauth2.client.registration.acme.scope=openid,email",
			"spring.security.oauth2.client.provider.acme.authorization-uri=https://id.example.com/authorize",
			"spring.security.oauth2.client.provider.acme.token-uri=https://id.example.com/token",
			"spring.security.oauth2.client.provider.acme.jwk-set-uri=https://id.example.com/jwks" };

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.core()
		.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
				OAuth2ClientWebSecurityAutoConfiguration.class, JwtAllAuthSocialAutoConfiguration.class))
		.withPropertyValues(TestProperties.JWT_SECRET);

	@Test
	void registrationsWhenPresentThenSocialLoginAndOurChainsInsteadOfBootsLoginChain() {
		this.runner.withPropertyValues(REGISTRATION).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SocialLoginService.class)
				.hasBean("jwtAllAuthSocialController")
				.hasBean("jwtAllAuthDefaultSecurityFilterChain");
			assertThat(context.getBean(SocialLoginService.class).providers()).singleElement()
				.satisfies((provider) -> assertThat(provider.clientId()).isEqualTo("acme-client"));
		});
	}

	@Test
	void registrationsWhenAbsentThenNoSocialLogin() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(SocialLoginService.class)
			.doesNotHaveBean("jwtAllAuthSocialController"));
	}

	@Test
	void oauth2ClientWhenNotOnTheClasspathThenTheApplicationStartsWithoutSocialLogin() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.client"))
			.withPropertyValues(REGISTRATION)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("jwtAllAuthSocialLoginService")
				.doesNotHaveBean("jwtAllAuthSocialController"));
	}

}
