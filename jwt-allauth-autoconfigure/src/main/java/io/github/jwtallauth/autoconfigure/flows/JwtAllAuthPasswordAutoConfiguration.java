package io.github.jwtallauth.autoconfigure.flows;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenStore;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.mail.BackgroundTasks;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthMailAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of the account flows: the credential change every password-setting
 * path shares, and, when there is a mail outbox and a one-time token store, the flows
 * that go through mail (e-mail verification, password reset, invitations) and the
 * password capabilities their links hand out.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { JwtAllAuthTokenAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class,
		JwtAllAuthSessionAutoConfiguration.class, JwtAllAuthMailAutoConfiguration.class,
		JwtAllAuthRateLimitAutoConfiguration.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
@ConditionalOnBean({ AccountService.class, SessionService.class })
public final class JwtAllAuthPasswordAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CredentialChanges jwtAllAuthCredentialChanges(AccountService accounts, ObjectProvider<OneTimeTokenStore> tokens,
			SessionService sessions, PlatformTransactionManager transactionManager, JwtAllAuthProperties properties,
			ObjectProvider<Clock> clock) {
		return new CredentialChanges(accounts, tokens.getIfAvailable(), sessions,
				new TransactionTemplate(transactionManager), properties.logoutOnPasswordChange(),
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnBean(OneTimeTokenStore.class)
	PurgeTask jwtAllAuthOneTimeTokenPurge(OneTimeTokenStore tokens, ObjectProvider<Clock> clock) {
		Clock source = clock.getIfUnique(Clock::systemUTC);
		return (batchSize) -> tokens.deleteExpired(source.instant(), batchSize);
	}

	@Bean
	@ConditionalOnBean({ TokenService.class, LinkTokens.class })
	@ConditionalOnMissingBean
	PasswordCapabilityService jwtAllAuthPasswordCapabilityService(TokenService tokens, LinkTokens links,
			PlatformTransactionManager transactionManager, JwtAllAuthProperties properties) {
		return new PasswordCapabilityService(tokens, links, new TransactionTemplate(transactionManager),
				properties.password());
	}

	@Bean
	@ConditionalOnBean({ AccountMailer.class, LinkTokens.class, BackgroundTasks.class })
	@ConditionalOnMissingBean
	PasswordResetService jwtAllAuthPasswordResetService(AccountService accounts, LinkTokens links, AccountMailer mailer,
			RateLimiter rateLimiter, PlatformTransactionManager transactionManager, BackgroundTasks tasks,
			JwtAllAuthProperties properties) {
		return new PasswordResetService(accounts, links, mailer, rateLimiter,
				new TransactionTemplate(transactionManager), tasks, properties.rateLimit(),
				properties.password().resetTimeout());
	}

	@Bean
	@ConditionalOnBean({ AccountMailer.class, LinkTokens.class, BackgroundTasks.class })
	@ConditionalOnMissingBean
	EmailVerificationService jwtAllAuthEmailVerificationService(AccountService accounts, LinkTokens links,
			AccountMailer mailer, RateLimiter rateLimiter, PlatformTransactionManager transactionManager,
			BackgroundTasks tasks, ApplicationEventPublisher events, JwtAllAuthProperties properties) {
		return new EmailVerificationService(accounts, links, mailer, rateLimiter,
				new TransactionTemplate(transactionManager), tasks, events, properties.rateLimit(),
				properties.emailVerificationExpiry(), properties.registration().isInvitationOpen());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ AccountMailer.class, DataSource.class })
	@ConditionalOnBooleanProperty(name = "jwtallauth.sessions.reuse-alert-mail", matchIfMissing = true)
	static final class ReuseAlertMailConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "jwtAllAuthReuseAlertMail")
		ReuseAlertMail jwtAllAuthReuseAlertMail(AccountService accounts, AccountMailer mailer, DataSource dataSource,
				PlatformTransactionManager transactionManager, JwtAllAuthProperties properties,
				ObjectProvider<Clock> clock) {
			return new ReuseAlertMail(accounts, mailer, new JdbcTemplate(dataSource),
					new TransactionTemplate(transactionManager), properties.publicBaseUrl(),
					clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnBean(ReuseAlertMail.class)
		PurgeTask jwtAllAuthReuseAlertPurge(ReuseAlertMail alerts) {
			return alerts::purge;
		}

	}

	@Bean
	@ConditionalOnBean({ AccountMailer.class, LinkTokens.class, BackgroundTasks.class })
	@ConditionalOnMissingBean
	InvitationService jwtAllAuthInvitationService(AccountService accounts, LinkTokens links, AccountMailer mailer,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			JwtAllAuthProperties properties) {
		return new InvitationService(accounts, links, mailer, new TransactionTemplate(transactionManager), events,
				properties.emailVerificationExpiry());
	}

}
