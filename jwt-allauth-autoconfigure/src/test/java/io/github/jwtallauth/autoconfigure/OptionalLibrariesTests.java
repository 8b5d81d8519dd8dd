package io.github.jwtallauth.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.github.jwtallauth.autoconfigure.account.DefaultPasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.flows.PasswordResetService;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthMailAutoConfiguration;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthTemplates;
import io.github.jwtallauth.autoconfigure.mail.MailDelivery;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.mfa.TotpService;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;
import io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The feature libraries are optional in the auto-configuration module: without each one
 * the application still starts with the feature off and says so, or refuses to start
 * naming the property that asks for the feature and the library it needs.
 */
@ExtendWith(OutputCaptureExtension.class)
class OptionalLibrariesTests {

	static final String ENCRYPTION_KEY = "jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	static final String ADMIN_EMAIL = "ada@example.com";

	static final String ADMIN_PASSWORD = "first-password-123";

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.full()
		.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-optional-libraries",
				"jwtallauth.public-base-url=https://accounts.example.com");

	@Test
	void everyLibraryPresentThenEveryFeatureOnAndNothingSaid(CapturedOutput output) {
		this.runner
			.withPropertyValues("jwtallauth.sessions.collect-user-agent=true", "jwtallauth.mfa.mode=optional",
					ENCRYPTION_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(TotpService.class)
					.hasSingleBean(RateLimiter.class)
					.hasSingleBean(MailDelivery.class)
					.hasSingleBean(JwtAllAuthTemplates.class)
					.hasBean("jwtAllAuthPasswordResetController");
				assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName())
					.isEqualTo("Bucket4jRateLimiter");
				assertThat(context.getBean(TotpService.class).getClass().getSimpleName())
					.isEqualTo("GoogleAuthTotpService");
				assertThat(context.getBean(DeviceInfoResolver.class).isParsingUserAgent()).isTrue();
				assertThat(context.getBean(DefaultPasswordPolicy.class).isRefusingCommonPasswords()).isTrue();
			});
		assertThat(output).doesNotContain("is not on the classpath");
	}

	@Test
	void withoutUapJavaAndZxingThenStartsWithParsingAndQrCodesOffAndSaysSo(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("ua_parser", "com.google.zxing"))
			.withPropertyValues("jwtallauth.sessions.collect-user-agent=true", "jwtallauth.mfa.mode=optional",
					ENCRYPTION_KEY, "jwtallauth.bootstrap.admin-email=" + ADMIN_EMAIL,
					"jwtallauth.bootstrap.admin-password=" + ADMIN_PASSWORD)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MfaService.class);
				assertThat(context.getBean(DeviceInfoResolver.class).isParsingUserAgent()).isFalse();
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context.getSourceApplicationContext())
					.apply(springSecurity())
					.build();
				JsonMapper json = new JsonMapper();
				String login = mvc
					.perform(post("/jwt-allauth/login").contentType(MediaType.APPLICATION_JSON)
						.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
						.content(json.writeValueAsString(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				String access = (String) json.readValue(login, Map.class).get("access");
				String sessions = mvc.perform(get("/jwt-allauth/sessions").header("Authorization", "Bearer " + access))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				Map<String, Object> session = json.readValue(sessions, new TypeReference<List<Map<String, Object>>>() {
				}).get(0);
				assertThat(session.get("ip")).isEqualTo("127.0.0.1");
				assertThat(session).containsEntry("browser", null)
					.containsEntry("os", null)
					.containsEntry("device", null);
				String setup = mvc.perform(post("/jwt-allauth/mfa/setup").header("Authorization", "Bearer " + access))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				Map<String, Object> enrolment = json.readValue(setup, new TypeReference<Map<String, Object>>() {
				});
				assertThat(enrolment).containsKey("qr_code").containsEntry("qr_code", null);
				assertThat((String) enrolment.get("provisioning_uri")).startsWith("otpauth://totp/");
			});
		assertThat(output).contains("uap-java (com.github.ua-parser:uap-java) is not on the classpath")
			.contains("User-Agent parsing is off")
			.contains("ZXing (com.google.zxing:core) is not on the classpath");
	}

	@Test
	void withoutUapJavaAndCollectionOffThenNothingSaid(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("ua_parser")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DeviceInfoResolver.class).isParsingUserAgent()).isFalse();
		});
		assertThat(output).doesNotContain("uap-java");
	}

	@Test
	void withoutZxcvbnThenCommonPasswordRuleSkippedWithWarning(CapturedOutput output) {
		PasswordPolicy.PasswordContext ada = new PasswordPolicy.PasswordContext("ada@example.com", "Ada", "Lovelace");
		this.runner.run((context) -> assertThat(context.getBean(PasswordPolicy.class).validate("password", ada))
			.containsExactly("This password is too common."));
		this.runner.withClassLoader(new FilteredClassLoader("com.nulabinc.zxcvbn")).run((context) -> {
			assertThat(context).hasNotFailed();
			DefaultPasswordPolicy policy = context.getBean(DefaultPasswordPolicy.class);
			assertThat(policy.isRefusingCommonPasswords()).isFalse();
			assertThat(policy.validate("password", ada)).isEmpty();
			assertThat(policy.validate("1234", ada)).containsExactly(
					"This password is too short. It must contain at least 8 characters.",
					"This password is entirely numeric.");
		});
		assertThat(output).contains("zxcvbn4j (com.nulab-inc:zxcvbn) is not on the classpath");
	}

	@Test
	void withoutGoogleAuthWhenMfaOnThenStartupFailsNamingModeAndLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("com.warrenstrange"))
			.withPropertyValues("jwtallauth.mfa.mode=optional", ENCRYPTION_KEY)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jwtallauth.mfa.mode")
					.hasMessageContaining("googleauth (com.warrenstrange:googleauth)");
			});
	}

	@Test
	void withoutGoogleAuthWhenMfaDisabledThenStarts() {
		this.runner.withClassLoader(new FilteredClassLoader("com.warrenstrange")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MfaService.class).hasSingleBean(TotpService.class);
			assertThat(context.getBean(TotpService.class).getClass().getSimpleName())
				.isEqualTo("UnavailableTotpService");
			assertThat(context.getBean(MfaService.class).mode()).isEqualTo(JwtAllAuthProperties.MfaMode.DISABLED);
		});
	}

	@Test
	void withoutGoogleAuthWhenMfaOnWithOwnTotpServiceThenStarts() {
		this.runner.withClassLoader(new FilteredClassLoader("com.warrenstrange"))
			.withPropertyValues("jwtallauth.mfa.mode=required", ENCRYPTION_KEY)
			.withUserConfiguration(OwnTotpService.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(TotpService.class)
				.isSameAs(context.getBean(OwnTotpService.class).totp));
	}

	@Test
	void withoutBucket4jWhenLimitsOnThenStartupFailsNamingPropertyAndLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.bucket4j")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwtallauth.rate-limit.enabled")
				.hasMessageContaining("Bucket4j (com.bucket4j:bucket4j_jdk17-core)");
		});
	}

	@Test
	void withoutBucket4jWhenLimitsOffThenStartsWithoutLimits() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.bucket4j"))
			.withPropertyValues("jwtallauth.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RateLimiter.class).hasSingleBean(LoginThrottle.class);
				assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName())
					.isEqualTo("UnlimitedRateLimiter");
				LoginThrottle throttle = context.getBean(LoginThrottle.class);
				for (int i = 0; i < 20; i++) {
					throttle.attempt("ada@example.com", "192.0.2.1");
					throttle.failed("ada@example.com", "192.0.2.1");
				}
			});
	}

	@Test
	void withoutBucket4jWithOwnRateLimiterThenStarts() {
		RateLimiter own = mock(RateLimiter.class);
		this.runner.withClassLoader(new FilteredClassLoader("io.github.bucket4j"))
			.withBean(RateLimiter.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(RateLimiter.class).isSameAs(own));
	}

	@Test
	void withoutSpringMailThenMailsGoToTheLogAndItSaysSo(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.mail")).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AccountMailer.class)
				.hasSingleBean(PasswordResetService.class)
				.getBean(MailDelivery.class)
				.extracting((delivery) -> delivery.getClass().getSimpleName())
				.isEqualTo("LoggingMailDelivery");
		});
		assertThat(output).contains("Spring's mail support (spring-boot-starter-mail) is not on the classpath");
	}

	@Test
	void withoutSpringMailWithOwnDeliveryThenNothingSaid(CapturedOutput output) {
		MailDelivery own = (mail) -> {
		};
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.mail"))
			.withBean(MailDelivery.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(MailDelivery.class).isSameAs(own));
		assertThat(output).doesNotContain("spring-boot-starter-mail");
	}

	@Test
	void withoutThymeleafThenMailFlowsAndPagesOffAndItSaysSo(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("org.thymeleaf")).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(JwtAllAuthTemplates.class)
				.doesNotHaveBean(AccountMailer.class)
				.doesNotHaveBean(PasswordResetService.class)
				.doesNotHaveBean("jwtAllAuthPasswordResetController");
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context.getSourceApplicationContext())
				.apply(springSecurity())
				.build();
			mvc.perform(post("/jwt-allauth/password/reset").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"ada@example.com\"}")).andExpect(status().isNotFound());
		});
		assertThat(output).contains("Thymeleaf (spring-boot-starter-thymeleaf), which is not on the classpath")
			.contains("password reset, e-mail verification, invitations and their pages are off");
	}

	@Test
	void withoutThymeleafWhenVerificationOnThenStartupFailsNamingPropertyAndLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("org.thymeleaf"))
			.withPropertyValues("jwtallauth.email-verification=mandatory")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jwtallauth.email-verification")
					.hasMessageContaining("Thymeleaf");
			});
	}

	@Test
	void withoutThymeleafWhenInvitationsOnThenStartupFailsNamingPropertyAndLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("org.thymeleaf"))
			.withPropertyValues("jwtallauth.registration.invitations=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jwtallauth.registration.invitations")
					.hasMessageContaining("Thymeleaf");
			});
	}

	/**
	 * Only these classes touch an optional library, each loaded only behind a condition
	 * on it (or a presence check): every other class loads without them.
	 */
	@Test
	void onlyGuardedClassesReferenceOptionalLibraries() {
		Set<String> optional = Set.of("ua_parser.", "com.google.zxing.", "com.warrenstrange.", "com.nulabinc.",
				"io.github.bucket4j.", "org.thymeleaf.", "org.springframework.mail.", "org.springframework.boot.mail.",
				"org.springframework.boot.thymeleaf.", "io.lettuce.", "org.springframework.data.redis.",
				"org.springframework.boot.data.redis.");
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.github.jwtallauth.autoconfigure");
		List<String> referencing = classes.stream()
			.filter((javaClass) -> javaClass.getDirectDependenciesFromSelf()
				.stream()
				.map((dependency) -> dependency.getTargetClass().getName())
				.anyMatch((target) -> optional.stream().anyMatch(target::startsWith)))
			.map(JavaClass::getName)
			.map((name) -> name.substring("io.github.jwtallauth.autoconfigure.".length()))
			.sorted()
			.toList();
		assertThat(referencing).contains("session.UapUserAgentParser", "account.CommonPasswords", "mfa.QrCodes")
			.isSubsetOf("session.UapUserAgentParser", "account.CommonPasswords", "mfa.QrCodes",
					"mfa.GoogleAuthTotpService", "ratelimit.Bucket4jRateLimiter", "ratelimit.Bucket4jRateLimiter$Entry",
					"ratelimit.JdbcBucketStore", "ratelimit.JdbcBucketStore$1", "ratelimit.SharedBucketStore",
					"ratelimit.RedisBucketStore", "ratelimit.RedisBucketStore$Commands",
					"ratelimit.JwtAllAuthRateLimitAutoConfiguration$RedisStoreConfiguration",
					"ratelimit.JwtAllAuthRateLimitAutoConfiguration$Bucket4jConfiguration", "mail.JavaMailDelivery",
					"mail.JwtAllAuthMailAutoConfiguration$JavaMailDeliveryConfiguration", "mail.JwtAllAuthTemplates");
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTotpService {

		final TotpService totp = mock(TotpService.class);

		@Bean
		TotpService totpService() {
			return this.totp;
		}

	}

}
