package io.github.jwtallauth.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's public surface is deliberate: only the extension points, the values they
 * exchange, the events, the properties and the auto-configurations are public, and no
 * class is open for subclassing. Customisation means declaring a bean of an interface or
 * adding a customizer bean; a new public type, or a class left open, fails here until it
 * is added to the lists below on purpose.
 */
class ApiShapeTests {

	private static final String ROOT = "io.github.jwtallauth.autoconfigure";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	/**
	 * Types applications implement, call or receive: each one is documented in
	 * docs/customizing.md or docs/events.
	 */
	static final Set<String> API = Set.of(
			// configuration
			"JwtAllAuthProperties", "Rate", "JwtAlgorithm", "account.JwtAllAuthAccountAutoConfiguration",
			"actuate.JwtAllAuthActuatorAutoConfiguration", "flows.JwtAllAuthPasswordAutoConfiguration",
			"mail.JwtAllAuthMailAutoConfiguration", "mfa.JwtAllAuthMfaAutoConfiguration",
			"ratelimit.JwtAllAuthRateLimitAutoConfiguration", "security.JwtAllAuthWebSecurityAutoConfiguration",
			"session.JwtAllAuthSessionAutoConfiguration", "social.JwtAllAuthSocialAutoConfiguration",
			"token.JwtAllAuthTokenAutoConfiguration", "web.JwtAllAuthRejectedRequestsAutoConfiguration",
			"web.JwtAllAuthWebAutoConfiguration", "web.JwtAllAuthSpringDocAutoConfiguration",
			// extension points, and the values they exchange
			"token.TokenService", "token.SigningKeys", "token.TokenSubject", "token.AccessTokenClaims",
			"token.RefreshTokenClaims", "token.CapabilityClaims", "token.SessionTokenClaims",
			"token.InvalidTokenException", "token.ExpiredRefreshTokenException", "account.JwtAllAuthTokenCustomizer",
			"account.TokenCustomizationContext", "account.TokenClaimsCustomizer", "account.AccountService",
			"account.UserAccount", "account.NewAccount", "account.JwtAllAuthUser", "account.DjangoPasswordEncoder",
			"account.EmailAlreadyRegisteredException", "account.PasswordPolicy", "account.DefaultPasswordPolicy",
			"account.OneTimeTokenStore", "account.OneTimeToken", "account.OneTimeTokenPurpose", "session.SessionStore",
			"session.StoredSession", "session.ClientIpResolver", "session.TrustedProxiesClientIpResolver",
			"ratelimit.RateLimiter", "mail.MailDelivery", "mail.OutgoingMail", "mail.MailOutbox", "mfa.TotpService",
			"mfa.MfaAdministration", "housekeeping.PurgeTask", "security.JwtAllAuthHttpSecurityCustomizer",
			"security.JwtAllAuthPrincipal", "security.JwtAllAuthAuthenticationToken", "problem.ErrorCode",
			"problem.JwtAllAuthException", "social.SocialLoginPolicy", "social.SocialLoginAttempt",
			"social.SocialIdentity",
			// observations, which filters and conventions name
			"JwtAllAuthObservation",
			// events
			"account.AccountRegisteredEvent", "account.EmailVerifiedEvent", "account.PasswordChangedEvent",
			"account.PasswordResetEvent", "account.PasswordSetEvent", "session.SessionEvent",
			"session.UserLoggedInEvent", "session.UserLoggedOutEvent", "session.SessionRefreshedEvent",
			"session.RefreshTokenReuseDetectedEvent", "session.LoginFailedEvent", "mfa.MfaEnabledEvent",
			"mfa.MfaDisabledEvent", "mfa.MfaVerifiedEvent", "mfa.MfaFailedEvent", "mfa.MfaLockedEvent",
			"social.SocialLoginEvent");

	/**
	 * Types another package of the library uses, so Java makes them public; each says in
	 * its javadoc that it is internal.
	 */
	static final Set<String> INTERNAL = Set.of("EmailAddresses", "TokenClaimNames", "InvalidSecretPropertyException",
			"housekeeping.PurgeScheduler", "housekeeping.ExpiredRows", "problem.JwtAllAuthMessageSource",
			"problem.ProblemResponseWriter", "problem.DatabaseFailures", "token.TokenIds", "account.LinkTokens",
			"account.OneTimeTokens", "account.PasswordAuthenticator", "account.TokenSubjectFactory",
			"session.SessionService", "session.IssuedSession", "session.DeviceInfo", "session.DeviceInfoResolver",
			"ratelimit.LoginThrottle", "ratelimit.MailRequestThrottle", "ratelimit.PasswordRecheckThrottle",
			"ratelimit.RateLimitStoreProbe", "mail.AccountMailer", "mail.BackgroundTasks", "mail.JwtAllAuthTemplates",
			"flows.CredentialChanges", "flows.EmailVerificationService", "flows.InvitationService",
			"flows.PasswordCapability", "flows.PasswordCapabilityService", "flows.PasswordResetService",
			"mfa.MfaService", "mfa.MfaChallenge", "mfa.Authenticator", "security.JwtAllAuthPaths",
			"security.ProblemRequestRejectedHandler", "security.JwtAllAuthRoles", "account.SignInChecks",
			"social.SocialLoginService", "social.SocialAccount", "social.SocialPendingLinks", "mail.OutboxBacklog",
			"security.VerifiedTokenCache");

	@Test
	void publicTypesWhenListedThenOnlyTheDeliberateOnes() {
		Set<String> found = new TreeSet<>();
		for (JavaClass type : CLASSES) {
			if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)) {
				found.add(type.getName().substring(ROOT.length() + 1));
			}
		}
		Set<String> expected = new TreeSet<>(API);
		expected.addAll(INTERNAL);
		assertThat(found).containsExactlyElementsOf(expected);
	}

	@Test
	void internalTypesWhenPublicThenTheirJavadocSaysSo() throws IOException {
		for (String type : INTERNAL) {
			Path source = Path.of("src", "main", "java", (ROOT + "." + type).replace('.', '/') + ".java");
			assertThat(Files.readString(source)).as(type).contains("Internal to jwt-allauth");
		}
		for (String type : API) {
			Path source = Path.of("src", "main", "java", (ROOT + "." + type).replace('.', '/') + ".java");
			assertThat(Files.readString(source)).as(type).doesNotContain("Internal to jwt-allauth");
		}
	}

	@Test
	void classesWhenNotDesignedForExtensionThenClosed() {
		classes().that(canBeSubclassed()).should(new ArchCondition<>("be an entity or a configuration class") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean allowed = type.isAnnotatedWith(Entity.class) || type.isAnnotatedWith(Configuration.class)
						|| type.isAnnotatedWith(AutoConfiguration.class);
				events.add(new SimpleConditionEvent(type, allowed,
						type.getName() + " is open for subclassing: make it final (or sealed)"));
			}

		}).check(CLASSES);
	}

	// Runtime classes receive the values or nested records they need, so that one of them
	// can be understood, tested and reused without the whole configuration tree.
	@Test
	void rootPropertiesWhenTakenThenOnlyByConfiguration() {
		classes().that()
			.areNotAnnotatedWith(AutoConfiguration.class)
			.and()
			.areNotAnnotatedWith(Configuration.class)
			.and()
			.doNotBelongToAnyOf(JwtAllAuthProperties.class)
			.should(new ArchCondition<>("not take JwtAllAuthProperties") {

				@Override
				public void check(JavaClass type, ConditionEvents events) {
					for (JavaField field : type.getFields()) {
						if (field.getRawType().isEquivalentTo(JwtAllAuthProperties.class)) {
							events.add(SimpleConditionEvent.violated(field, field.getFullName()
									+ " holds the root properties; take the nested record or values"));
						}
					}
					for (JavaCodeUnit code : type.getCodeUnits()) {
						if (code.getRawParameterTypes()
							.stream()
							.anyMatch((parameter) -> parameter.isEquivalentTo(JwtAllAuthProperties.class))) {
							events.add(SimpleConditionEvent.violated(code, code.getFullName()
									+ " takes the root properties; take the nested record or values"));
						}
					}
				}

			})
			.check(CLASSES);
	}

	private static DescribedPredicate<JavaClass> canBeSubclassed() {
		return DescribedPredicate.describe("can be subclassed", (type) -> {
			if (type.isInterface() || type.isEnum() || type.isRecord() || type.isAnonymousClass() || type.isLocalClass()
					|| type.getModifiers().contains(JavaModifier.FINAL)
					|| type.getModifiers().contains(JavaModifier.PRIVATE)) {
				return false;
			}
			Class<?> reflected = type.reflect();
			if (reflected.isSealed()) {
				return false;
			}
			return Arrays.stream(reflected.getDeclaredConstructors())
				.map(Constructor::getModifiers)
				.anyMatch((modifiers) -> !Modifier.isPrivate(modifiers));
		});
	}

}
