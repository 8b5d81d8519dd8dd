package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenStore;
import io.github.jwtallauth.autoconfigure.flows.EmailVerificationService;
import io.github.jwtallauth.autoconfigure.flows.InvitationService;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.mail.BackgroundTasks;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthMailAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mfa.JwtAllAuthMfaAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthWebSecurityAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.SigningKeys;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.web.JwtAllAuthWebAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account-flow auto-configuration: what it creates, which user beans replace its
 * parts, and the configurations it refuses at start-up.
 */
class AccountFlowsAutoConfigurationTests {

	static final String SECRET = "jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-context-tests";

	static final String PUBLIC_BASE_URL = "jwtallauth.public-base-url=https://accounts.example.com";

	private final WebApplicationContextRunner bare = AutoConfigurationRunners.full();

	private final WebApplicationContextRunner withoutPublicBaseUrl = this.bare.withPropertyValues(SECRET);

	private final WebApplicationContextRunner runner = this.withoutPublicBaseUrl.withPropertyValues(PUBLIC_BASE_URL);

	@Test
	void defaultsThenEveryFlowAndItsEndpointsExist() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(OneTimeTokenStore.class)
				.hasSingleBean(LinkTokens.class)
				.hasSingleBean(AccountMailer.class)
				.hasSingleBean(BackgroundTasks.class)
				.hasSingleBean(RateLimiter.class)
				.hasSingleBean(CredentialChanges.class)
				.hasSingleBean(PasswordResetService.class)
				.hasSingleBean(EmailVerificationService.class)
				.hasSingleBean(InvitationService.class)
				.hasBean("jwtAllAuthRegistrationController")
				.hasBean("jwtAllAuthPasswordController")
				.hasBean("jwtAllAuthPasswordResetController")
				.hasBean("jwtAllAuthEmailVerificationController")
				.hasBean("jwtAllAuthInvitationController");
			assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName()).isEqualTo("Bucket4jRateLimiter");
			// no Executor bean: the application's task executor and @Async stay as they
			// are
			assertThat(context.getBeansOfType(Executor.class)).isEmpty();
			JwtAllAuthProperties properties = context.getBean(JwtAllAuthProperties.class);
			assertThat(properties.emailVerification()).isEqualTo(JwtAllAuthProperties.EmailVerification.NONE);
			assertThat(properties.emailVerificationExpiry()).isEqualTo(Duration.ofDays(3));
			assertThat(properties.password().resetTimeout()).isEqualTo(Duration.ofDays(3));
			assertThat(properties.password().resetCookie().maxAge()).isEqualTo(Duration.ofHours(1));
			assertThat(properties.password().setCookie().maxAge()).isEqualTo(Duration.ofDays(1));
			assertThat(properties.registration().allowedRoles()).containsExactly(1000, 900);
			assertThat(properties.rateLimit().resetPerAddress()).isEqualTo(new Rate(5, Duration.ofMinutes(1)));
			assertThat(properties.rateLimit().mailPerAddress()).isEqualTo(new Rate(1, Duration.ofMinutes(3)));
			assertThat(properties.publicBaseUrl()).isEqualTo("https://accounts.example.com");
		});
	}

	@Test
	void publicBaseUrlWhenMissingThenStartupFailsNamingPropertyInsteadOfTrustingTheHostHeader() {
		this.withoutPublicBaseUrl.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwtallauth.public-base-url");
		});
	}

	@Test
	void propertiesWhenSetThenBound() {
		this.runner
			.withPropertyValues("jwtallauth.public-base-url=https://example.com/app/",
					"jwtallauth.email-verification=mandatory", "jwtallauth.rate-limit.reset-per-address=3/10m",
					"jwtallauth.password.reset-cookie.max-age=900", "jwtallauth.registration.allowed-roles=1000",
					"jwtallauth.registration.admin-managed=true")
			.run((context) -> {
				JwtAllAuthProperties properties = context.getBean(JwtAllAuthProperties.class);
				assertThat(properties.publicBaseUrl()).isEqualTo("https://example.com/app");
				assertThat(properties.rateLimit().resetPerAddress()).isEqualTo(new Rate(3, Duration.ofMinutes(10)));
				assertThat(properties.password().resetCookie().maxAge()).isEqualTo(Duration.ofMinutes(15));
				assertThat(properties.registration().allowedRoles()).containsExactly(1000);
				assertThat(properties.registration().isSelfRegistrationOpen()).isFalse();
				assertThat(properties.registration().isInvitationOpen()).isTrue();
			});
	}

	@Test
	void mfaWhenEnabledWithoutAKeyThenGeneratedOnlyWhereTheSigningKeyIsGenerated() {
		// a real signing key is configured (the runner's secret): production, so no
		// generated MFA key
		this.runner.withPropertyValues("jwtallauth.mfa.mode=optional", "jwtallauth.jwt.generate-development-key=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jwtallauth.mfa.encryption-key"));
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, WebMvcAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					JwtAllAuthTokenAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class,
					JwtAllAuthSessionAutoConfiguration.class, JwtAllAuthMailAutoConfiguration.class,
					JwtAllAuthRateLimitAutoConfiguration.class, JwtAllAuthPasswordAutoConfiguration.class,
					JwtAllAuthMfaAutoConfiguration.class, JwtAllAuthWebAutoConfiguration.class,
					JwtAllAuthWebSecurityAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "spring.jpa.hibernate.ddl-auto=none",
					"jwtallauth.mfa.mode=optional", "jwtallauth.jwt.generate-development-key=true", PUBLIC_BASE_URL)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MfaService.class).hasBean("jwtAllAuthMfaController");
				assertThat(context.getBean(JwtAllAuthProperties.class).mfa().toString()).contains("******");
			});
	}

	@Test
	void mfaKeyWhenTheSigningKeyPairWasGeneratedDespiteAnUnusedSecretThenGeneratedToo() {
		// ES256 ignores the HS256 secret and generates its key pair: the factory, not a
		// guess, says so
		this.runner
			.withPropertyValues("jwtallauth.jwt.algorithm=ES256", "jwtallauth.jwt.generate-development-key=true",
					"jwtallauth.mfa.mode=optional")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SigningKeys.class).developmentKey()).isTrue();
			});
	}

	@Test
	void mfaKeyWhenTheApplicationSuppliesTheSigningKeysThenDemandedDespiteTheDevelopmentFlag() {
		this.bare
			.withPropertyValues(PUBLIC_BASE_URL, "jwtallauth.jwt.generate-development-key=true",
					"jwtallauth.mfa.mode=optional")
			.withBean(SigningKeys.class, () -> {
				SecretKey key = new SecretKeySpec(new byte[32], "HmacSHA256");
				return new SigningKeys(JwtAlgorithm.HS256, key, null, key, Map.of(), List.of(), key);
			})
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jwtallauth.mfa.encryption-key"));
	}

	@Test
	void rateLimiterWhenJdbcBackendThenBucketsInTheDatabase() {
		this.runner.withPropertyValues("jwtallauth.rate-limit.backend=jdbc").run((context) -> {
			assertThat(context).hasNotFailed().hasBean("jwtAllAuthJdbcBucketStore").hasSingleBean(RateLimiter.class);
			assertThat(context.getBean("jwtAllAuthJdbcBucketStore").getClass().getSimpleName())
				.isEqualTo("JdbcBucketStore");
			assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName()).isEqualTo("Bucket4jRateLimiter");
		});
	}

	@Test
	void rateLimiterWhenDeclaredByTheApplicationThenOursBacksOff() {
		this.runner.withUserConfiguration(OwnRateLimiter.class).run((context) -> {
			assertThat(context).hasSingleBean(RateLimiter.class)
				.hasBean("myLimiter")
				.doesNotHaveBean("jwtAllAuthRateLimiter");
			assertThat(context).hasSingleBean(PasswordResetService.class);
		});
	}

	@Test
	void startWhenConfigurationUnusableThenFailsNamingTheProperty() {
		String[][] broken = { { "jwtallauth.public-base-url=example.com", "jwtallauth.public-base-url" },
				{ "jwtallauth.public-base-url=https://${JWTALLAUTH_UNSET_HOST_FOR_TEST}",
						"jwtallauth.public-base-url" },
				{ "jwtallauth.public-base-url=https://user@example.com", "jwtallauth.public-base-url" },
				{ "jwtallauth.password.reset-cookie.max-age=0", "jwtallauth.password.reset-cookie.max-age" },
				{ "jwtallauth.password.set-cookie.same-site=Relaxed", "jwtallauth.password.set-cookie.same-site" },
				{ "jwtallauth.rate-limit.mail-per-address=often", "jwtallauth.rate-limit.mail-per-address" },
				{ "jwtallauth.templates.invitation=nowhere/invite", "jwtallauth.templates.invitation" },
				{ "jwtallauth.rate-limit.backend=redis", "jwtallauth.rate-limit.backend" },
				{ "jwtallauth.mfa.mode=optional", "jwtallauth.mfa.encryption-key" },
				{ "jwtallauth.mfa.mode=required,jwtallauth.mfa.encryption-key=c2hvcnQ=",
						"jwtallauth.mfa.encryption-key" },
				{ "jwtallauth.mfa.max-attempts=0", "jwtallauth.mfa.max-attempts" } };
		for (String[] config : broken) {
			this.runner.withPropertyValues(config[0].split(",")).run((context) -> {
				assertThat(context).as(config[0]).hasFailed();
				assertThat(allMessages(context.getStartupFailure())).as(config[0]).contains(config[1]);
			});
		}
	}

	@Test
	void passwordCapabilityServiceWhenDefaultsThenCreatedAndWhenDeclaredThenOursBacksOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(PasswordCapabilityService.class));
		this.runner.withUserConfiguration(OwnPasswordCapabilityService.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(PasswordCapabilityService.class)
				.hasBean("myCapabilities")
				.hasBean("jwtAllAuthPasswordResetController")
				.hasBean("jwtAllAuthInvitationController");
		});
	}

	@Test
	void reuseAlertMailWhenDefaultsThenListensAndPurgesWhenOffOrDeclaredThenOursBacksOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ReuseAlertMail.class)
			.hasBean("jwtAllAuthReuseAlertPurge"));
		this.runner.withPropertyValues("jwtallauth.sessions.reuse-alert-mail=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReuseAlertMail.class)
				.doesNotHaveBean("jwtAllAuthReuseAlertPurge");
			assertThat(context.getBean(JwtAllAuthProperties.class).sessions().reuseAlertMail()).isFalse();
		});
		this.runner.withUserConfiguration(OwnReuseAlertMail.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ReuseAlertMail.class);
			assertThat(context.getBean("jwtAllAuthReuseAlertMail")).isInstanceOf(OwnReuseAlertMail.Listener.class);
		});
	}

	private static String allMessages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPasswordCapabilityService {

		@Bean
		PasswordCapabilityService myCapabilities(TokenService tokens, LinkTokens links,
				PlatformTransactionManager transactionManager, JwtAllAuthProperties properties) {
			return new PasswordCapabilityService(tokens, links, new TransactionTemplate(transactionManager),
					properties.password());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReuseAlertMail {

		@Bean
		Listener jwtAllAuthReuseAlertMail() {
			return new Listener();
		}

		static class Listener implements ApplicationListener<RefreshTokenReuseDetectedEvent> {

			@Override
			public void onApplicationEvent(RefreshTokenReuseDetectedEvent event) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRateLimiter {

		@Bean
		RateLimiter myLimiter() {
			return new RateLimiter() {

				@Override
				public Decision tryConsume(String family, String key, Rate rate) {
					return Decision.ALLOWED;
				}

				@Override
				public void refund(String family, String key, Rate rate) {
				}

			};
		}

	}

}
