package io.github.jwtallauth.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.DefaultPasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthTokenCustomizer;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.TokenClaimsCustomizer;
import io.github.jwtallauth.autoconfigure.account.TokenSubjectFactory;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mail.MailDelivery;
import io.github.jwtallauth.autoconfigure.mail.MailOutbox;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthHttpSecurityCustomizer;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.session.SessionStore;
import io.github.jwtallauth.autoconfigure.session.TrustedProxiesClientIpResolver;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.test.TestKeys;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.SigningKeys;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * jwt-allauth's auto-configurations in a web application context: what they create by
 * default, how properties change it, which user beans make them back off and which
 * configurations fail.
 */
class JwtAllAuthAutoConfigurationTests {

	static final String SECRET = "jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-context-tests";

	static final String UNRESOLVED = "${JWTALLAUTH_UNSET_VARIABLE_FOR_TEST}";

	static final Set<String> KEY_LOCATIONS = Set.of("jwtallauth.jwt.private-key", "jwtallauth.jwt.public-key",
			"jwtallauth.jwt.previous-public-keys[0]");

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.core();

	@Test
	void defaultsWhenSecretSetThenEveryCollaboratorCreated() {
		this.runner.withPropertyValues(SECRET).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(implementation(context, TokenService.class)).isEqualTo("JjwtTokenService");
			assertThat(implementation(context, AccountService.class)).isEqualTo("JpaAccountService");
			assertThat(implementation(context, SessionStore.class)).isEqualTo("JpaSessionStore");
			assertThat(context).hasSingleBean(SessionService.class)
				.hasSingleBean(DefaultPasswordPolicy.class)
				.hasSingleBean(TrustedProxiesClientIpResolver.class)
				.hasBean("jwtAllAuthSchemaMigrator")
				.hasBean("jwtAllAuthAuthenticationController")
				.hasBean("jwtAllAuthProblemExceptionResolver")
				.hasSingleBean(JwtAllAuthHttpSecurityCustomizer.class)
				.hasBean("jwtAllAuthSecurityFilterChain")
				.hasBean("jwtAllAuthDefaultSecurityFilterChain")
				.hasSingleBean(MailDelivery.class)
				.hasSingleBean(MailOutbox.class)
				.hasBean("jwtAllAuthOutboxMailSender")
				.doesNotHaveBean("jwtAllAuthBootstrapAdministrator")
				.doesNotHaveBean(UserDetailsService.class);
			assertThat(context.getBean(MailDelivery.class).getClass().getSimpleName()).isEqualTo("LoggingMailDelivery");
			assertThat(context.getBean(MailOutbox.class).getClass().getSimpleName()).isEqualTo("JpaMailOutbox");
			assertThat(context.getBean("jwtAllAuthOutboxMailSender").getClass().getSimpleName())
				.isEqualTo("OutboxMailSender");
			JwtAllAuthProperties properties = context.getBean(JwtAllAuthProperties.class);
			assertThat(properties.basePath()).isEqualTo("/jwt-allauth");
			assertThat(properties.jwt().algorithm()).isNull();
			assertThat(context.getBean(SigningKeys.class).algorithm()).isEqualTo(JwtAlgorithm.HS256);
			assertThat(properties.jwt().accessTokenLifetime()).hasMinutes(30);
			assertThat(properties.jwt().refreshTokenLifetime()).hasDays(14);
			assertThat(properties.jwt().sessionLifetime()).isNull();
			assertThat(properties.refreshCookie().name()).isEqualTo("refresh_token");
			assertThat(properties.refreshCookie().sameSite()).isEqualTo("Lax");
			assertThat(properties.sessions().reuseGracePeriod()).isZero();
			assertThat(properties.sessions().purgeInterval()).hasHours(1);
			assertThat(properties.roles()).containsEntry(0, "USER")
				.containsEntry(900, "SUPERUSER")
				.containsEntry(1000, "STAFF");
			assertThat(properties.password().minLength()).isEqualTo(8);
		});
	}

	@Test
	void propertiesWhenSetThenBound() {
		this.runner
			.withPropertyValues(SECRET, "jwtallauth.base-path=/auth", "jwtallauth.jwt.access-token-lifetime=5m",
					"jwtallauth.jwt.session-lifetime=7d", "jwtallauth.refresh-cookie.max-age=-1",
					"jwtallauth.refresh-cookie.same-site=Strict", "jwtallauth.sessions.trusted-proxies=10.0.0.0/8,::1",
					"jwtallauth.roles.2000=EDITOR", "jwtallauth.roles.0=MEMBER",
					"jwtallauth.user-attributes.name=firstName")
			.run((context) -> {
				JwtAllAuthProperties properties = context.getBean(JwtAllAuthProperties.class);
				assertThat(properties.basePath()).isEqualTo("/auth");
				assertThat(properties.jwt().accessTokenLifetime()).hasMinutes(5);
				assertThat(properties.jwt().sessionLifetime()).hasDays(7);
				assertThat(properties.refreshCookie().maxAge()).isNegative();
				assertThat(properties.refreshCookie().sameSite()).isEqualTo("Strict");
				assertThat(properties.sessions().trustedProxies()).containsExactly("10.0.0.0/8", "::1");
				assertThat(properties.roles()).containsEntry(2000, "EDITOR")
					.containsEntry(0, "MEMBER")
					.containsEntry(1000, "STAFF");
				TokenService tokens = context.getBean(TokenService.class);
				String access = tokens.createAccessToken(new TokenSubject("1", 2000, false, Map.of("name", "Ada")),
						new SessionTokenClaims("s", Instant.now(), Instant.MAX));
				assertThat(JwtAllAuthPrincipal.of(tokens.verifyAccessToken(access)).attribute("name")).isEqualTo("Ada");
			});
	}

	@Test
	void tokenCustomizerWhenDeclaredThenClaimsReachThePrincipalButReservedNamesDoNot() {
		this.runner.withPropertyValues(SECRET).withUserConfiguration(TenantClaims.class).run((context) -> {
			JwtAllAuthPrincipal principal = principalOf(context, new TestAccount("7", 1000));
			assertThat(principal.attribute("tenant")).isEqualTo("acme-7");
			assertThat(principal.attribute("token")).isEqualTo("ACCESS");
			assertThat(principal.role()).isEqualTo(1000);
			assertThat(principal.attributes()).doesNotContainKey("role");
		});
	}

	@Test
	@SuppressWarnings("removal")
	void claimsCustomizerWhenDeprecatedKindDeclaredThenStillAppliedInTheSameOrder() {
		this.runner.withPropertyValues(SECRET)
			.withUserConfiguration(TenantClaims.class, LegacyClaims.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenClaimsCustomizer.class);
				JwtAllAuthPrincipal principal = principalOf(context, new TestAccount("7", 0));
				assertThat(principal.attribute("tenant")).isEqualTo("acme-7");
				assertThat(principal.attribute("legacy")).isEqualTo(true);
				// @Order(1) before the context customizer's @Order(2): one order for both
				// kinds
				assertThat(principal.attribute("trail")).isEqualTo("legacy,context");
				assertThat(principal.attributes()).doesNotContainKey("sid");
			});
	}

	private static JwtAllAuthPrincipal principalOf(ApplicationContext context, UserAccount user) {
		SessionTokenClaims session = new SessionTokenClaims("s", Instant.now(), Instant.MAX);
		TokenSubject subject = context.getBean(TokenSubjectFactory.class).create(user, session);
		TokenService tokens = context.getBean(TokenService.class);
		return JwtAllAuthPrincipal.of(tokens.verifyAccessToken(tokens.createAccessToken(subject, session)));
	}

	@Test
	void bootstrapWhenConfiguredThenAdministratorCreatedOnceAndNeverChanged() {
		String database = "jdbc:h2:mem:bootstrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		this.runner
			.withPropertyValues(SECRET, "spring.datasource.url=" + database,
					"jwtallauth.bootstrap.admin-email= Admin@Example.com ",
					"jwtallauth.bootstrap.admin-password=first-password-123")
			.run((context) -> {
				AccountService accounts = context.getBean(AccountService.class);
				UserAccount admin = accounts.findByEmail("admin@example.com").orElseThrow();
				assertThat(admin.getRole()).isEqualTo(1000);
				assertThat(admin.isEmailVerified()).isTrue();
				assertThat(admin.isActive()).isTrue();
				PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
				assertThat(encoder.matches("first-password-123", admin.getPassword())).isTrue();
			});
		// a second start on the same database, with another password, leaves the account
		// alone
		this.runner
			.withPropertyValues(SECRET, "spring.datasource.url=" + database,
					"jwtallauth.bootstrap.admin-email=admin@example.com",
					"jwtallauth.bootstrap.admin-password=other-password-456")
			.run((context) -> {
				AccountService accounts = context.getBean(AccountService.class);
				PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
				assertThat(encoder.matches("first-password-123",
						accounts.findByEmail("admin@example.com").orElseThrow().getPassword()))
					.isTrue();
			});
	}

	@Test
	void accountServiceWhenAddressLookedUpAsTypedThenSameAccountAndNotPlainFindsNone() {
		this.runner.withPropertyValues(SECRET).run((context) -> {
			AccountService accounts = context.getBean(AccountService.class);
			UserAccount created = accounts
				.create(new NewAccount("jos\u00e9@example.com", null, "", "", 0, true, false));
			assertThat(accounts.findByEmail(" JOSE\u0301@EXAMPLE.COM ")).get()
				.extracting(UserAccount::getId)
				.isEqualTo(created.getId());
			assertThat(accounts.findByEmail("Jos\u00e9 <jos\u00e9@example.com>")).isEmpty();
			assertThat(accounts.findByEmail("jos\u00e9@example.com\u200b")).isEmpty();
		});
	}

	@Test
	void bootstrapWhenAdminEmailHasADisplayNameThenStartupFailsNamingTheProperty() {
		this.runner
			.withPropertyValues(SECRET, "jwtallauth.bootstrap.admin-email=victim-bank.com<me@evil.io>",
					"jwtallauth.bootstrap.admin-password=first-password-123")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jwtallauth.bootstrap.admin-email");
			});
	}

	@Test
	void userBeansWhenDeclaredThenDefaultsBackOff() {
		this.runner.withPropertyValues(SECRET).withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AccountService.class)).isSameAs(context.getBean("myAccounts"));
			assertThat(context.getBean(SessionStore.class)).isSameAs(context.getBean("mySessions"));
			assertThat(context.getBean(PasswordPolicy.class)).isSameAs(context.getBean("myPolicy"));
			assertThat(context.getBean(ClientIpResolver.class)).isSameAs(context.getBean("myIps"));
			assertThat(context.getBean(PasswordEncoder.class)).isSameAs(NoOpPasswordEncoder.getInstance());
			assertThat(context).hasSingleBean(AccountService.class).hasSingleBean(SessionStore.class);
		});
	}

	@Test
	void userDetailsServiceWhenDeclaredThenPasswordProviderBacksOff() {
		this.runner.withPropertyValues(SECRET).withUserConfiguration(ApplicationUsers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AuthenticationProvider.class);
		});
		this.runner.withPropertyValues(SECRET).run((context) -> {
			assertThat(context).hasSingleBean(AuthenticationProvider.class);
			assertThat(context.getBean(AuthenticationProvider.class).getClass().getSimpleName())
				.isEqualTo("JwtAllAuthPasswordAuthenticationProvider");
		});
	}

	@Test
	void tokenServiceWhenDeclaredThenUsedEverywhere() {
		this.runner.withUserConfiguration(CustomTokenService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(TokenService.class).doesNotHaveBean("jwtAllAuthTokenService");
			assertThat(context.getBean(SessionService.class)).isNotNull();
		});
	}

	@Test
	void applicationChainWhenDeclaredThenDefaultChainBacksOffAndOursStays() {
		this.runner.withPropertyValues(SECRET).withUserConfiguration(ApplicationChain.class).run((context) -> {
			assertThat(context).hasBean("applicationChain")
				.hasBean("jwtAllAuthSecurityFilterChain")
				.doesNotHaveBean("jwtAllAuthDefaultSecurityFilterChain");
		});
	}

	@Test
	void flywayWhenAbsentThenNoMigrator() {
		this.runner.withPropertyValues(SECRET)
			.withClassLoader(new FilteredClassLoader("org.flywaydb"))
			.run((context) -> assertThat(context).doesNotHaveBean("jwtAllAuthSchemaMigrator"));
	}

	@Test
	void schemaMigrationWhenDisabledThenNoMigrator() {
		this.runner.withPropertyValues(SECRET, "jwtallauth.schema-migration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("jwtAllAuthSchemaMigrator"));
	}

	@Test
	void secretWhenMissingThenStartupFailsNamingProperty() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwtallauth.jwt.secret");
		});
	}

	@Test
	void secretWhenShortThenStartupFailsNamingPropertyWithoutTheSecret() {
		this.runner.withPropertyValues("jwtallauth.jwt.secret=too-short-to-sign").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jwtallauth.jwt.secret")
				.hasMessageContaining("256 bits")
				.hasMessageNotContaining("too-short-to-sign");
		});
	}

	@Test
	void algorithmWhenUnknownThenStartupFailsNamingProperty() {
		this.runner.withPropertyValues(SECRET, "jwtallauth.jwt.algorithm=HS1024").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("jwtallauth.jwt.algorithm", "HS1024");
		});
	}

	@Test
	void keyFileWhenUnreadableThenStartupFailsNamingProperty() {
		this.runner
			.withPropertyValues("jwtallauth.jwt.algorithm=RS256",
					"jwtallauth.jwt.private-key=file:/nonexistent/key.pem")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains(
						"Property jwtallauth.jwt.private-key with value 'URL [file:/nonexistent/key.pem]' is invalid")
					.contains("cannot be read");
			});
	}

	@Test
	void userAttributeWhenReservedClaimThenStartupFailsNamingProperty() {
		this.runner.withPropertyValues(SECRET, "jwtallauth.user-attributes.role=role").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jwtallauth.user-attributes.role")
				.hasMessageContaining("reserved");
		});
	}

	@Test
	void basePathWhenRootOrTrailingSlashThenStartupFailsNamingProperty() {
		for (String basePath : List.of("/", "/auth/", "auth", "/a b")) {
			this.runner.withPropertyValues(SECRET, "jwtallauth.base-path=" + basePath).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("jwtallauth.base-path");
			});
		}
	}

	@Test
	void refreshCookieAllowedOriginsWhenSetThenNormalised() {
		this.runner.withPropertyValues(SECRET,
				"jwtallauth.refresh-cookie.allowed-origins=HTTPS://Admin.Example.com:443, http://localhost:3000, http://[::1]:80")
			.run((context) -> assertThat(context.getBean(JwtAllAuthProperties.class).refreshCookie().allowedOrigins())
				.containsExactly("https://admin.example.com", "http://localhost:3000", "http://[::1]"));
	}

	@Test
	void refreshCookieAllowedOriginsWhenNotAnOriginThenStartupFailsNamingProperty() {
		for (String origin : List.of("https://app.example.com/", "https://app.example.com/app", "app.example.com", "*",
				"null", "https://*.example.com", "https://user@app.example.com", "https://app.example.com?x=1",
				"https://app.example.com:0", "https://app.example.com:65536", "https://")) {
			this.runner.withPropertyValues(SECRET, "jwtallauth.refresh-cookie.allowed-origins=" + origin)
				.run((context) -> {
					assertThat(context).as(origin).hasFailed();
					assertThat(context.getStartupFailure()).as(origin)
						.rootCause()
						.isInstanceOf(InvalidConfigurationPropertyValueException.class)
						.hasMessageContaining("jwtallauth.refresh-cookie.allowed-origins");
				});
		}
	}

	@Test
	void sameSiteWhenSetInAnyCaseThenBoundInTheHeaderForm() {
		this.runner
			.withPropertyValues(SECRET, "jwtallauth.refresh-cookie.same-site=strict",
					"jwtallauth.password.reset-cookie.same-site= NONE ")
			.run((context) -> {
				JwtAllAuthProperties properties = context.getBean(JwtAllAuthProperties.class);
				assertThat(properties.refreshCookie().sameSite()).isEqualTo("Strict");
				assertThat(properties.password().resetCookie().sameSite()).isEqualTo("None");
				assertThat(properties.password().setCookie().sameSite()).isEqualTo("Lax");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jwtallauth.refresh-cookie.same-site", "jwtallauth.password.reset-cookie.same-site",
			"jwtallauth.password.set-cookie.same-site" })
	void sameSiteWhenNotLaxStrictOrNoneThenBindingFailsNamingProperty(String property) {
		for (String value : List.of("Relaxed", "", "Lax; Secure", "none-of-them")) {
			this.runner.withPropertyValues(SECRET, property + "=" + value).run((context) -> {
				assertThat(context).as(value).hasFailed();
				assertThat(context.getStartupFailure()).as(value)
					.rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
							(ex) -> assertThat(ex.getName()).isEqualTo(property))
					.hasMessageContaining("Lax, Strict or None");
			});
		}
	}

	@Test
	void userAttributeWhenPasswordPathThenStartupFailsNamingProperty() {
		this.runner.withPropertyValues(SECRET, "jwtallauth.user-attributes.pw=password").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("jwtallauth.user-attributes.pw");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jwtallauth.jwt.secret", "jwtallauth.jwt.refresh-secret", "jwtallauth.jwt.private-key",
			"jwtallauth.jwt.public-key", "jwtallauth.jwt.previous-public-keys[0]", "jwtallauth.mfa.encryption-key" })
	void secretOrKeyWhenPlaceholderUnresolvedThenStartupFailsNamingPropertyWithoutTheValue(String property,
			@TempDir Path directory) throws IOException {
		// Boot's binder leaves a placeholder it cannot resolve as it is: without the
		// check, each of these
		// configurations starts (the key files below really exist under a directory named
		// "${...}").
		KeyPair pair = TestKeys.rsa();
		Path keys = TestKeys.write(pair, Files.createDirectories(directory.resolve("keys")));
		Path unresolved = TestKeys.write(pair, Files.createDirectories(directory.resolve(UNRESOLVED)));
		String rsa = "jwtallauth.jwt.algorithm=RS256";
		String privateKey = "jwtallauth.jwt.private-key=file:" + keys.resolve("private.pem");
		String publicKey = "jwtallauth.jwt.public-key=file:" + keys.resolve("public.pem");
		String[] configuration = switch (property) {
			case "jwtallauth.jwt.secret" -> new String[] { "jwtallauth.jwt.secret=" + UNRESOLVED };
			case "jwtallauth.jwt.private-key" ->
				new String[] { rsa, publicKey, "jwtallauth.jwt.private-key=file:" + unresolved.resolve("private.pem") };
			case "jwtallauth.jwt.public-key" ->
				new String[] { rsa, privateKey, "jwtallauth.jwt.public-key=file:" + unresolved.resolve("public.pem") };
			case "jwtallauth.jwt.previous-public-keys[0]" -> new String[] { rsa, privateKey, publicKey,
					"jwtallauth.jwt.previous-public-keys=file:" + unresolved.resolve("public.pem") };
			default -> new String[] { SECRET, property + "=" + UNRESOLVED };
		};
		this.runner.withPropertyValues(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo(property))
				.hasMessageContaining("${");
			// a key location names a file, not a secret: it is shown, as for a missing
			// file
			if (!KEY_LOCATIONS.contains(property)) {
				assertThat(messages(context.getStartupFailure())).doesNotContain("JWTALLAUTH_UNSET_VARIABLE_FOR_TEST");
			}
		});
	}

	@Test
	void bootstrapPasswordWhenPlaceholderUnresolvedThenStartupFailsWithoutTheValue() {
		String email = "jwtallauth.bootstrap.admin-email=admin@example.com";
		// the literal part of a half-resolved password must not reach the failure report
		// either
		for (String password : new String[] { UNRESOLVED, "literal-part-of-the-password" + UNRESOLVED,
				"\\" + UNRESOLVED }) {
			this.runner.withPropertyValues(SECRET, email, "jwtallauth.bootstrap.admin-password=" + password)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
						.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
								(ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.bootstrap.admin-password"))
						.hasMessageContaining("${");
					assertThat(messages(context.getStartupFailure()))
						.doesNotContain("JWTALLAUTH_UNSET_VARIABLE_FOR_TEST")
						.doesNotContain("literal-part-of-the-password");
				});
		}
	}

	@Test
	void bootstrapWhenAddressWithoutPasswordThenStartupFailsNamingThePassword() {
		this.runner.withPropertyValues(SECRET, "jwtallauth.bootstrap.admin-email=admin@example.com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("jwtallauth.bootstrap.admin-password")));
	}

	@Test
	void secretWhenEnvironmentVariableHoldsPlaceholderThenStartupFailsNamingProperty() {
		// JWTALLAUTH_JWT_SECRET='${X}' in a shell or a container definition reaches the
		// binder as it is.
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.put("JWTALLAUTH_JWT_SECRET", UNRESOLVED);
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables)))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jwtallauth.jwt.secret")
					.hasMessageNotContaining("JWTALLAUTH_UNSET_VARIABLE_FOR_TEST");
			});
	}

	@Test
	void developmentKeyWhenAllowedThenGeneratedForEachAlgorithm() {
		for (String algorithm : List.of("HS256", "RS256", "ES256", "EdDSA")) {
			this.runner
				.withPropertyValues("jwtallauth.jwt.generate-development-key=true",
						"jwtallauth.jwt.algorithm=" + algorithm)
				.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TokenService.class));
		}
	}

	static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		AccountService myAccounts() {
			return new AccountService() {
				@Override
				public Optional<UserAccount> findById(String id) {
					return Optional.empty();
				}

				@Override
				public Optional<UserAccount> findByEmail(String email) {
					return Optional.empty();
				}

				@Override
				public UserAccount create(NewAccount account) {
					throw new UnsupportedOperationException("read-only directory");
				}

				@Override
				public Optional<UserAccount> updateNames(String id, String firstName, String lastName) {
					return Optional.empty();
				}

				@Override
				public boolean updatePassword(String id, String encodedPassword) {
					return false;
				}

				@Override
				public boolean markEmailVerified(String id) {
					return false;
				}

				@Override
				public boolean updateRole(String id, int role) {
					return false;
				}

				@Override
				public void recordLogin(String id, Instant when) {
				}
			};
		}

		@Bean
		SessionStore mySessions() {
			return mock(SessionStore.class);
		}

		@Bean
		PasswordPolicy myPolicy() {
			return (password, context) -> List.of();
		}

		@Bean
		ClientIpResolver myIps() {
			return (request) -> "192.0.2.1";
		}

		@Bean
		@SuppressWarnings("deprecation")
		PasswordEncoder passwordEncoder() {
			return NoOpPasswordEncoder.getInstance();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantClaims {

		@Bean
		@Order(2)
		JwtAllAuthTokenCustomizer tenantClaim() {
			return (context) -> {
				context.claims().put("tenant", "acme-" + context.user().getId());
				context.claims().put("token", context.tokenType().name());
				context.claims().merge("trail", ",context", (before, added) -> before + String.valueOf(added));
				context.claims().put("role", 0);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@SuppressWarnings("removal")
	static class LegacyClaims {

		@Bean
		@Order(1)
		TokenClaimsCustomizer legacyClaim() {
			return (user, claims) -> {
				claims.put("legacy", true);
				claims.put("trail", "legacy");
				claims.put("sid", "forged");
			};
		}

	}

	record TestAccount(String getId, int getRole) implements UserAccount {

		@Override
		public String getEmail() {
			return "test@example.com";
		}

		@Override
		public String getPassword() {
			return null;
		}

		@Override
		public String getFirstName() {
			return "";
		}

		@Override
		public String getLastName() {
			return "";
		}

		@Override
		public boolean isActive() {
			return true;
		}

		@Override
		public boolean isEmailVerified() {
			return true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationUsers {

		@Bean
		UserDetailsService applicationUsers() {
			return new InMemoryUserDetailsManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTokenService {

		@Bean
		TokenService myTokens() {
			return mock(TokenService.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationChain {

		@Bean
		SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	private static String implementation(AssertableWebApplicationContext context, Class<?> type) {
		return context.getBean(type).getClass().getSimpleName();
	}

}
