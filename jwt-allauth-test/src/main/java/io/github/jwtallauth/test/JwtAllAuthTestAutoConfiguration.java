package io.github.jwtallauth.test;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of jwt-allauth's test support, present only where
 * {@code jwt-allauth-test} is (test scope): in {@code @SpringBootTest} contexts and in
 * {@code @WebMvcTest} slices.
 * <ul>
 * <li>The mock-user argument resolver:
 * {@code @AuthenticationPrincipal JwtAllAuthPrincipal} resolves from
 * {@code @WithMockUser} and MockMvc's {@code user(...)} too.</li>
 * <li>A {@link JwtAllAuthTestTokens} bean wherever jwt-allauth's {@link TokenService} is.
 * </li>
 * </ul>
 * It binds {@code jwtallauth.*} in slices as well, which do not load jwt-allauth's own
 * auto-configuration, so that the role table is the application's.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = JwtAllAuthTokenAutoConfiguration.class)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthTestAutoConfiguration {

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	MockUserPrincipalArgumentResolver.Registration jwtAllAuthMockUserPrincipalArgumentResolverRegistration(
			JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
		return new MockUserPrincipalArgumentResolver.Registration(
				new TestPrincipals(properties, clock.getIfUnique(Clock::systemUTC)));
	}

	@Bean
	@ConditionalOnBean(TokenService.class)
	@ConditionalOnMissingBean
	JwtAllAuthTestTokens jwtAllAuthTestTokens(TokenService tokens, JwtAllAuthProperties properties,
			ObjectProvider<Clock> clock) {
		return new JwtAllAuthTestTokens(tokens, new TestPrincipals(properties, clock.getIfUnique(Clock::systemUTC)));
	}

}
