package io.github.jwtallauth.autoconfigure.social;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;

/**
 * Social login, when the application registers OAuth 2.0 or OpenID Connect clients with
 * Spring Boot's {@code spring.security.oauth2.client.*} properties (which make the
 * {@link ClientRegistrationRepository}) and stores accounts in a database. Each
 * registration id is a provider of the social endpoints.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class },
		afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@EnableConfigurationProperties(JwtAllAuthProperties.class)
@ConditionalOnClass({ ClientRegistrationRepository.class, NimbusJwtDecoder.class })
@ConditionalOnBean({ ClientRegistrationRepository.class, DataSource.class, AccountService.class })
public final class JwtAllAuthSocialAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocialPendingLinks jwtAllAuthSocialPendingLinks(DataSource dataSource,
			PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		return new SocialPendingLinks(jdbc, new SocialAccountStore(jdbc), new TransactionTemplate(transactionManager),
				MfaService.CHALLENGE_LIFETIME, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	PurgeTask jwtAllAuthSocialPendingLinkPurge(SocialPendingLinks pendingLinks) {
		return pendingLinks::purge;
	}

	@Bean
	@ConditionalOnMissingBean
	SocialLoginService jwtAllAuthSocialLoginService(ClientRegistrationRepository registrations, DataSource dataSource,
			AccountService accounts, SocialPendingLinks pendingLinks, ObjectProvider<SocialLoginPolicy> policies,
			PlatformTransactionManager transactionManager, JwtAllAuthProperties properties,
			ObjectProvider<Clock> clock) {
		Clock time = clock.getIfUnique(Clock::systemUTC);
		return new SocialLoginService(registrations, providerIds(registrations), new SocialTokenVerifier(time),
				new SocialCodeExchange(), new SocialUserInfo(), new SocialAccountStore(new JdbcTemplate(dataSource)),
				pendingLinks, policies.orderedStream().toList(), accounts, new TransactionTemplate(transactionManager),
				properties.social(), properties.registration().isSelfRegistrationOpen(),
				properties.emailVerification() == JwtAllAuthProperties.EmailVerification.MANDATORY, time);
	}

	// Boot's repository lists its registrations; another one can only be asked by id
	private static List<String> providerIds(ClientRegistrationRepository registrations) {
		List<String> ids = new ArrayList<>();
		if (registrations instanceof Iterable<?> iterable) {
			for (Object registration : iterable) {
				if (registration instanceof ClientRegistration client) {
					ids.add(client.getRegistrationId());
				}
			}
		}
		return ids;
	}

}
