package io.github.jwtallauth.autoconfigure.web;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.flows.CredentialChanges;
import io.github.jwtallauth.autoconfigure.flows.EmailVerificationService;
import io.github.jwtallauth.autoconfigure.flows.InvitationService;
import io.github.jwtallauth.autoconfigure.flows.JwtAllAuthPasswordAutoConfiguration;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapabilityService;
import io.github.jwtallauth.autoconfigure.flows.PasswordResetService;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthMailAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthTemplates;
import io.github.jwtallauth.autoconfigure.mfa.JwtAllAuthMfaAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;
import io.github.jwtallauth.autoconfigure.ratelimit.MailRequestThrottle;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.social.SocialLoginService;
import io.github.jwtallauth.autoconfigure.social.SocialPendingLinks;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of jwt-allauth's HTTP endpoints and their problem answers. The
 * controllers are beans of their own, not component-scanned.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(
		after = { JacksonAutoConfiguration.class, JwtAllAuthTokenAutoConfiguration.class,
				JwtAllAuthAccountAutoConfiguration.class, JwtAllAuthSessionAutoConfiguration.class,
				JwtAllAuthMailAutoConfiguration.class, JwtAllAuthPasswordAutoConfiguration.class,
				JwtAllAuthRateLimitAutoConfiguration.class, JwtAllAuthMfaAutoConfiguration.class },
		afterName = "io.github.jwtallauth.autoconfigure.social.JwtAllAuthSocialAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthWebAutoConfiguration {

	@Bean
	JwtAllAuthPrincipalArgumentResolver.Registration jwtAllAuthPrincipalArgumentResolverRegistration() {
		return new JwtAllAuthPrincipalArgumentResolver.Registration();
	}

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
		return new ProblemExceptionResolver(writer, properties.basePath(), properties.jwt().jwksPath(),
				JwtAllAuthProperties.Jwt.DISCOVERY_PATH);
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenCookies jwtAllAuthRefreshTokenCookies(JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
		return new RefreshTokenCookies(properties.refreshCookie(), properties.jwt().refreshTokenLifetime(),
				properties.jwt().sessionLifetime() != null, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	SessionResponses jwtAllAuthSessionResponses(RefreshTokenCookies cookies) {
		return new SessionResponses(cookies);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthenticationController jwtAllAuthAuthenticationController(PasswordAuthenticator authenticator,
			SessionService sessions, DeviceInfoResolver devices, SessionResponses responses,
			RefreshTokenCookies cookies, ObjectProvider<JsonMapper> jsonMapper, ApplicationEventPublisher events,
			ObjectProvider<LoginThrottle> throttle, ObjectProvider<ClientIpResolver> clientIps, MfaGate gate,
			JwtAllAuthProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
		return new AuthenticationController(authenticator, sessions, devices, responses, cookies,
				new RefreshOriginCheck(properties.refreshCookie(), properties.publicBaseUrl()),
				jsonMapper.getIfAvailable(JsonMapper::new), events, throttle.getIfAvailable(),
				clientIps.getIfAvailable(), gate, Observations.of(observationRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	MfaGate jwtAllAuthMfaGate(ObjectProvider<MfaService> mfa, SessionService sessions, DeviceInfoResolver devices,
			SessionResponses responses, JwtAllAuthProperties properties) {
		MfaService service = mfa.getIfAvailable();
		if (service == null && properties.mfa().mode() != JwtAllAuthProperties.MfaMode.DISABLED) {
			// never let MFA switch itself off
			throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.mode", properties.mfa().mode(),
					"MFA needs a DataSource and an AccountService bean, or an MfaService bean of your own");
		}
		return new MfaGate(service, sessions, devices, responses);
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
	JwksController jwtAllAuthJwksController(TokenService tokens) {
		return new JwksController(tokens);
	}

	@Bean
	@ConditionalOnBooleanProperty("jwtallauth.openapi.enabled")
	OpenApiController jwtAllAuthOpenApiController(JwtAllAuthProperties properties) {
		return new OpenApiController(OpenApiDocument.forPaths(properties.basePath(), properties.jwt().jwksPath()));
	}

	@Bean
	@ConditionalOnMissingBean
	DiscoveryController jwtAllAuthDiscoveryController(TokenService tokens, JwtAllAuthProperties properties) {
		return new DiscoveryController(tokens, properties.jwt(), properties.publicBaseUrl());
	}

	@Bean
	@ConditionalOnBean(MfaService.class)
	@ConditionalOnMissingBean
	MfaController jwtAllAuthMfaController(MfaService mfa, AccountService accounts, SessionService sessions,
			DeviceInfoResolver devices, SessionResponses responses, ApplicationEventPublisher events,
			ObjectProvider<ClientIpResolver> clientIps, ObjectProvider<SocialPendingLinks> pendingLinks,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new MfaController(mfa, accounts, sessions, devices, responses, events, clientIps.getIfAvailable(),
				pendingLinks.getIfAvailable(), Observations.of(observationRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	PublicLinks jwtAllAuthPublicLinks(JwtAllAuthProperties properties, ObjectProvider<PasswordResetService> resets,
			ObjectProvider<EmailVerificationService> verifications, ObjectProvider<InvitationService> invitations) {
		boolean mailsLinks = resets.getIfAvailable() != null || verifications.getIfAvailable() != null
				|| invitations.getIfAvailable() != null;
		if (mailsLinks && properties.publicBaseUrl() == null) {
			// the request's Host header is the attacker's to choose: it never builds a
			// link
			throw new InvalidConfigurationPropertyValueException("jwtallauth.public-base-url", null,
					"jwt-allauth mails links (password reset, e-mail verification, invitations) and builds them "
							+ "from this property only: set it to the origin, plus any context path, that users "
							+ "reach the application at, e.g. https://example.com");
		}
		return new PublicLinks(properties.publicBaseUrl(), properties.basePath());
	}

	@Bean
	@ConditionalOnMissingBean
	RegistrationController jwtAllAuthRegistrationController(AccountService accounts, PasswordAuthenticator passwords,
			PasswordPolicy passwordPolicy, MfaGate gate, ObjectProvider<EmailVerificationService> verifications,
			PublicLinks links, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			JwtAllAuthProperties properties, ObjectProvider<MailRequestThrottle> throttle,
			ObjectProvider<ClientIpResolver> clientIps) {
		return new RegistrationController(accounts, passwords, passwordPolicy, gate, verifications.getIfAvailable(),
				links, new TransactionTemplate(transactionManager), events, properties.registration(),
				properties.emailVerification(), throttle.getIfAvailable(), clientIps.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(CredentialChanges.class)
	@ConditionalOnMissingBean
	PasswordController jwtAllAuthPasswordController(AccountService accounts, PasswordAuthenticator passwords,
			PasswordPolicy passwordPolicy, CredentialChanges credentials, SessionService sessions,
			DeviceInfoResolver devices, SessionResponses responses, ApplicationEventPublisher events,
			JwtAllAuthProperties properties, ObjectProvider<PasswordRecheckThrottle> recheck,
			ObjectProvider<ClientIpResolver> clientIps) {
		return new PasswordController(accounts, passwords, passwordPolicy, credentials, sessions, devices, responses,
				events, properties.password().oldPasswordRequired(), recheck.getIfAvailable(),
				clientIps.getIfAvailable());
	}

	/**
	 * The endpoints of the account flows, present when their services are (a JPA store
	 * and the mail outbox).
	 */
	// Named, not imported: the OAuth 2.0 client is optional, so the social types are
	// loaded only once the condition has found it.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.oauth2.client.registration.ClientRegistrationRepository")
	@ConditionalOnBean(type = "io.github.jwtallauth.autoconfigure.social.SocialLoginService")
	static final class SocialConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocialController jwtAllAuthSocialController(SocialLoginService social, MfaGate gate,
				ApplicationEventPublisher events, ObjectProvider<ObservationRegistry> observationRegistry) {
			return new SocialController(social, gate, events, Observations.of(observationRegistry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ CredentialChanges.class, PasswordResetService.class, EmailVerificationService.class,
			InvitationService.class, PasswordCapabilityService.class })
	static final class AccountFlowsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Pages jwtAllAuthPages(JwtAllAuthTemplates templates, JwtAllAuthProperties properties) {
			return new Pages(templates, properties.basePath(), properties.pages().contentSecurityPolicy());
		}

		@Bean
		PageAssetsWebMvcConfigurer jwtAllAuthPageAssetsWebMvcConfigurer(JwtAllAuthProperties properties) {
			return new PageAssetsWebMvcConfigurer(properties.basePath());
		}

		@Bean
		@ConditionalOnMissingBean
		NewPasswordEndpoint jwtAllAuthNewPasswordEndpoint(AccountService accounts, PasswordAuthenticator passwords,
				PasswordPolicy passwordPolicy, PasswordCapabilityService capabilities, CredentialChanges credentials,
				MfaGate gate, ApplicationEventPublisher events, JwtAllAuthProperties properties) {
			return new NewPasswordEndpoint(accounts, passwords, passwordPolicy,
					capabilityCookies(capabilities, properties), credentials, gate, events);
		}

		@Bean
		@ConditionalOnMissingBean
		PasswordResetController jwtAllAuthPasswordResetController(PasswordResetService resets, AccountService accounts,
				NewPasswordEndpoint newPasswords, PasswordCapabilityService capabilities, PublicLinks links,
				Pages pages, JwtAllAuthProperties properties, ObjectProvider<MailRequestThrottle> throttle,
				ObjectProvider<ClientIpResolver> clientIps) {
			return new PasswordResetController(resets, accounts, newPasswords,
					capabilityCookies(capabilities, properties), links, pages, properties.redirects(),
					throttle.getIfAvailable(), clientIps.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		EmailVerificationController jwtAllAuthEmailVerificationController(EmailVerificationService verifications,
				PasswordCapabilityService capabilities, PublicLinks links, Pages pages, JwtAllAuthProperties properties,
				ObjectProvider<MailRequestThrottle> throttle, ObjectProvider<ClientIpResolver> clientIps) {
			return new EmailVerificationController(verifications, capabilityCookies(capabilities, properties), links,
					pages, properties.redirects(), properties.templates().verificationFailed(),
					throttle.getIfAvailable(), clientIps.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		InvitationController jwtAllAuthInvitationController(InvitationService invitations, AccountService accounts,
				NewPasswordEndpoint newPasswords, PasswordCapabilityService capabilities, PublicLinks links,
				Pages pages, JwtAllAuthProperties properties) {
			return new InvitationController(invitations, accounts, newPasswords,
					capabilityCookies(capabilities, properties), links, pages, properties.registration());
		}

		private static CapabilityCookies capabilityCookies(PasswordCapabilityService capabilities,
				JwtAllAuthProperties properties) {
			return new CapabilityCookies(capabilities, properties.password());
		}

	}

}
