package io.github.jwtallauth.autoconfigure.web;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.StaticMessageSource;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of jwt-allauth's HTTP endpoints and their problem answers. The controllers
 * are beans of their own (not component-scanned), each replaceable by declaring a bean of its type.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, JwtAllAuthTokenAutoConfiguration.class,
		JwtAllAuthAccountAutoConfiguration.class, JwtAllAuthSessionAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemResponseWriter jwtAllAuthProblemResponseWriter(ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<MessageSource> messageSource) {
		return new ProblemResponseWriter(jsonMapper.getIfAvailable(JsonMapper::new),
				messageSource.getIfAvailable(StaticMessageSource::new));
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemExceptionResolver jwtAllAuthProblemExceptionResolver(ProblemResponseWriter writer,
			JwtAllAuthProperties properties) {
		return new ProblemExceptionResolver(writer, properties.basePath(), properties.jwt().jwksPath());
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenCookies jwtAllAuthRefreshTokenCookies(JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
		return new RefreshTokenCookies(properties, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	SessionResponses jwtAllAuthSessionResponses(RefreshTokenCookies cookies) {
		return new SessionResponses(cookies);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthenticationController jwtAllAuthAuthenticationController(PasswordAuthenticator authenticator,
			SessionService sessions, SessionResponses responses, RefreshTokenCookies cookies,
			ObjectProvider<JsonMapper> jsonMapper, ApplicationEventPublisher events) {
		return new AuthenticationController(authenticator, sessions, responses, cookies,
				jsonMapper.getIfAvailable(JsonMapper::new), events);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionController jwtAllAuthSessionController(SessionService sessions) {
		return new SessionController(sessions);
	}

	@Bean
	@ConditionalOnMissingBean
	UserController jwtAllAuthUserController(AccountService accounts) {
		return new UserController(accounts);
	}

	@Bean
	@ConditionalOnMissingBean
	RegistrationController jwtAllAuthRegistrationController(AccountService accounts, PasswordAuthenticator passwords,
			PasswordPolicy passwordPolicy, SessionService sessions, SessionResponses responses,
			JwtAllAuthProperties properties) {
		return new RegistrationController(accounts, passwords, passwordPolicy, sessions, responses, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PasswordController jwtAllAuthPasswordController(AccountService accounts, PasswordAuthenticator passwords,
			PasswordPolicy passwordPolicy, SessionService sessions, SessionResponses responses,
			ApplicationEventPublisher events, JwtAllAuthProperties properties) {
		return new PasswordController(accounts, passwords, passwordPolicy, sessions, responses, events, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	JwksController jwtAllAuthJwksController(TokenService tokens) {
		return new JwksController(tokens);
	}

}
