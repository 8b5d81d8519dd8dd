package io.github.jwtallauth.autoconfigure.mfa;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.PasswordChangedEvent;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * What the MFA auto-configuration creates: the service with its parts, built in one place
 * only, and none of them when the application declares its own service.
 */
class JwtAllAuthMfaAutoConfigurationTests {

	static final String ENCRYPTION_KEY = "jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class,
				JwtAllAuthMfaAutoConfiguration.class))
		.withUserConfiguration(Accounts.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void partsWhenBuiltThenOnlyByTheAutoConfiguration() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.github.jwtallauth.autoconfigure");
		for (Class<?> part : List.of(MfaService.class, MfaChallenges.class, MfaEnrolment.class, MfaAttempts.class,
				RecoveryCodes.class, TotpCodes.class, MfaStore.class, SecretCipher.class, MfaChallengeRevoker.class,
				GoogleAuthTotpService.class, UnavailableTotpService.class)) {
			List<String> builders = classes.get(part)
				.getConstructorCallsToSelf()
				.stream()
				.map((call) -> call.getOriginOwner().getName())
				// a static factory of the class itself, such as SecretCipher.fromBase64
				.filter((owner) -> !owner.equals(part.getName()))
				.distinct()
				.toList();
			assertThat(builders).as(part.getSimpleName())
				.isNotEmpty()
				.allSatisfy((owner) -> assertThat(owner).startsWith(JwtAllAuthMfaAutoConfiguration.class.getName()));
		}
	}

	@Test
	void mfaServiceWhenDefaultsThenOursWithTheRevokerAndThePurge() {
		this.runner.withPropertyValues("jwtallauth.mfa.mode=optional", ENCRYPTION_KEY).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MfaService.class)
				.hasBean("jwtAllAuthMfaService")
				.hasSingleBean(MfaChallengeRevoker.class)
				.hasBean("jwtAllAuthMfaPurge")
				.hasSingleBean(TotpService.class);
			assertThat(context.getBean(MfaService.class).mode()).isEqualTo(MfaMode.OPTIONAL);
		});
	}

	@Test
	void mfaServiceWhenMfaOnWithoutAKeyThenOursRefusesToStart() {
		this.runner.withPropertyValues("jwtallauth.mfa.mode=required").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("jwtallauth.mfa.encryption-key");
		});
	}

	@Test
	void mfaServiceWhenDeclaredThenNoneOfOursIsBuiltAndTheRevokerAndPurgeUseIt() {
		// without a key, any part of ours would refuse to start: the context starts
		this.runner.withPropertyValues("jwtallauth.mfa.mode=required")
			.withUserConfiguration(OwnMfaService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(MfaService.class)
					.hasBean("myMfa")
					.doesNotHaveBean("jwtAllAuthMfaService");
				MfaService own = context.getBean(MfaService.class);
				context.publishEvent(new PasswordChangedEvent("42"));
				verify(own).forgetChallenges("42");
				context.getBean("jwtAllAuthMfaPurge", PurgeTask.class).purgeBatch(100);
				verify(own).purge(100);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		AccountService accountService() {
			return mock(AccountService.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMfaService {

		@Bean
		MfaService myMfa() {
			return mock(MfaService.class);
		}

	}

}
