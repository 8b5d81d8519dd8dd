package io.github.jwtallauth.autoconfigure.token;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Auto-configuration of jwt-allauth's token signing and verification.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthTokenAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TokenService.class)
	static class JjwtTokenServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SigningKeys jwtAllAuthSigningKeys(JwtAllAuthProperties properties) {
			return SigningKeysFactory.create(properties.jwt());
		}

		@Bean
		JjwtTokenService jwtAllAuthTokenService(SigningKeys keys, JwtAllAuthProperties properties,
				ObjectProvider<Clock> clock) {
			return new JjwtTokenService(keys, properties.jwt(), properties.userAttributes().keySet(),
					properties.roles(), clock.getIfUnique(Clock::systemUTC));
		}

	}

}
