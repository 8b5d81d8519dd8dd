package io.github.jwtallauth.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.jwtallauth.autoconfigure.token.AccessTokenClaims;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtAllAuthTestAutoConfigurationTests {

	private static final String SECRET = "jwtallauth.jwt.secret=test-secret-test-secret-test-secret-0123";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JwtAllAuthTokenAutoConfiguration.class, JwtAllAuthTestAutoConfiguration.class))
		.withPropertyValues(SECRET);

	@Test
	void tokensWhenMintedThenVerifiedByTheApplicationsTokenService() {
		this.runner.run((context) -> {
			String token = context.getBean(JwtAllAuthTestTokens.class)
				.accessToken(new TokenSubject("42", 1000, true, Map.of("tenant", "acme")));
			AccessTokenClaims claims = context.getBean(TokenService.class).verifyAccessToken(token);
			assertThat(claims.subject()).isEqualTo("42");
			assertThat(claims.role()).isEqualTo(1000);
			assertThat(claims.emailVerified()).isTrue();
			assertThat(claims.attributes()).containsEntry("tenant", "acme");
			assertThat(claims.expiresAt()).isAfter(claims.sessionIssuedAt());
		});
	}

	@Test
	void tokensWhenSubjectOnlyThenRoleZero() {
		this.runner.run((context) -> {
			String token = context.getBean(JwtAllAuthTestTokens.class).accessToken("7");
			AccessTokenClaims claims = context.getBean(TokenService.class).verifyAccessToken(token);
			assertThat(claims.subject()).isEqualTo("7");
			assertThat(claims.role()).isZero();
			assertThat(claims.emailVerified()).isFalse();
		});
	}

	@Test
	void tokensWhenSessionCheckedThenRefusedWithAWayOut() {
		this.runner.withPropertyValues("jwtallauth.jwt.access-session-check=true")
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(JwtAllAuthTestTokens.class).accessToken("7"))
				.withMessageContaining("/jwt-allauth/login"));
	}

	@Test
	void tokensWhenNoTokenServiceThenNoBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAllAuthTestAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtAllAuthTestTokens.class));
	}

	@Test
	void resolverWhenServletApplicationThenRegistered() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAllAuthTestAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(MockUserPrincipalArgumentResolver.Registration.class));
		this.runner.run(
				(context) -> assertThat(context).doesNotHaveBean(MockUserPrincipalArgumentResolver.Registration.class));
	}

}
