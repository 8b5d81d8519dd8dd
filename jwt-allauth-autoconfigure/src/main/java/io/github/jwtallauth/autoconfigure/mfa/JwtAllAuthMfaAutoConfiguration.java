package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import io.github.jwtallauth.autoconfigure.InvalidSecretPropertyException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.SigningKeys;

/**
 * Auto-configuration of multi-factor authentication ({@code jwtallauth.mfa.*}): the TOTP
 * service, the cipher of stored secrets, the MFA tables and the service that runs the
 * flows. Present whatever the mode, so that the endpoints can answer
 * {@code mfa_disabled}; the encryption key, and googleauth for the codes, are only
 * demanded when MFA is on. Without ZXing, enrolments carry no QR code.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JwtAllAuthAccountAutoConfiguration.class,
		JwtAllAuthRateLimitAutoConfiguration.class, JwtAllAuthTokenAutoConfiguration.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
@ConditionalOnBean({ DataSource.class, AccountService.class })
public final class JwtAllAuthMfaAutoConfiguration {

	private static final Log logger = LogFactory.getLog(JwtAllAuthMfaAutoConfiguration.class);

	/** A class of googleauth, to test for its presence. */
	static final String GOOGLEAUTH_CLASS = "com.warrenstrange.googleauth.GoogleAuthenticator";

	@Bean
	@ConditionalOnMissingBean
	SecretCipher jwtAllAuthMfaSecretCipher(JwtAllAuthProperties properties, ObjectProvider<SigningKeys> signingKeys) {
		JwtAllAuthProperties.Mfa mfa = properties.mfa();
		String key = mfa.encryptionKey();
		if (key != null && !key.isBlank()) {
			try {
				return SecretCipher.fromBase64(key);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSecretPropertyException("jwtallauth.mfa.encryption-key",
						"it must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`");
			}
		}
		if (mfa.mode() == MfaMode.DISABLED) {
			// never used to store anything: MFA is off
			return new SecretCipher(SecretCipher.randomKey());
		}
		// generated only where the signing key was: the zero-configuration development
		// start
		SigningKeys keys = signingKeys.getIfUnique();
		if (keys != null && keys.developmentKey()) {
			logger.warn("jwtallauth.mfa.encryption-key is not set: using a key generated for this run only. TOTP "
					+ "secrets stored now will not decrypt after a restart. Development only: set "
					+ "jwtallauth.mfa.encryption-key (32 random bytes, base64) in production.");
			return new SecretCipher(SecretCipher.randomKey());
		}
		throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.encryption-key", null,
				"jwtallauth.mfa.mode=" + mfa.mode().name().toLowerCase(java.util.Locale.ROOT)
						+ " stores TOTP secrets encrypted: set jwtallauth.mfa.encryption-key to 32 random bytes in "
						+ "base64, e.g. from `openssl rand -base64 32`");
	}

	@Bean
	@ConditionalOnMissingBean
	MfaStore jwtAllAuthMfaStore(DataSource dataSource) {
		return new MfaStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	MfaChallengeRevoker jwtAllAuthMfaChallengeRevoker(MfaService mfa) {
		return new MfaChallengeRevoker(mfa);
	}

	@Bean
	PurgeTask jwtAllAuthMfaPurge(MfaService mfa) {
		return mfa::purge;
	}

	/**
	 * The service and its package-private parts, unless the application declares an
	 * {@link MfaService} of its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(MfaService.class)
	static class MfaServiceConfiguration {

		@Bean
		MfaAttempts jwtAllAuthMfaAttempts(MfaStore store, ApplicationEventPublisher events,
				JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
			return new MfaAttempts(store, events, properties, clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		TotpCodes jwtAllAuthTotpCodes(MfaStore store, TotpService totp, SecretCipher cipher,
				ObjectProvider<Clock> clock) {
			return new TotpCodes(store, totp, cipher, clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		RecoveryCodes jwtAllAuthMfaRecoveryCodes(MfaStore store, SecretCipher cipher, ObjectProvider<Clock> clock) {
			return new RecoveryCodes(store, cipher, clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		MfaChallenges jwtAllAuthMfaChallenges(MfaStore store, MfaAttempts attempts, TotpCodes totpCodes,
				RecoveryCodes recoveryCodes, AccountService accounts, ApplicationEventPublisher events,
				JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
			return new MfaChallenges(store, attempts, totpCodes, recoveryCodes, accounts, events, properties,
					clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		MfaEnrolment jwtAllAuthMfaEnrolment(MfaStore store, TotpService totp, SecretCipher cipher, TotpCodes totpCodes,
				RecoveryCodes recoveryCodes, MfaChallenges challenges, MfaAttempts attempts,
				PasswordAuthenticator passwords, ObjectProvider<PasswordRecheckThrottle> recheck,
				PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
				JwtAllAuthProperties properties, ObjectProvider<Clock> clock) {
			return new MfaEnrolment(store, totp, cipher, totpCodes, recoveryCodes, challenges, attempts, passwords,
					recheck.getIfAvailable(), new TransactionTemplate(transactionManager), events, properties,
					clock.getIfUnique(Clock::systemUTC));
		}

		@Bean
		MfaService jwtAllAuthMfaService(JwtAllAuthProperties properties, MfaChallenges challenges,
				MfaEnrolment enrolment, MfaAttempts attempts, ResourceLoader resourceLoader) {
			MfaService service = new MfaService(properties, challenges, enrolment, attempts);
			// asked of the application's class loader, as a condition would be: the QR
			// code is a
			// setting of the service, not a bean of its own
			boolean zxing = ClassUtils.isPresent(QrCodes.ZXING_CLASS, resourceLoader.getClassLoader());
			service.setQrCodes(zxing);
			if (!zxing && properties.mfa().mode() != MfaMode.DISABLED) {
				logger.info("ZXing (com.google.zxing:core) is not on the classpath: POST /mfa/setup answers "
						+ "\"qr_code\": null. Clients show the secret or draw provisioning_uri as a QR code themselves.");
			}
			return service;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = GOOGLEAUTH_CLASS)
	static class GoogleAuthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TotpService jwtAllAuthTotpService() {
			return new GoogleAuthTotpService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(GOOGLEAUTH_CLASS)
	static class NoGoogleAuthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TotpService jwtAllAuthTotpService(JwtAllAuthProperties properties) {
			MfaMode mode = properties.mfa().mode();
			if (mode != MfaMode.DISABLED) {
				// never let MFA switch itself off
				throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.mode",
						mode.name().toLowerCase(Locale.ROOT),
						"MFA computes its codes with googleauth (com.warrenstrange:googleauth), which is not on the "
								+ "classpath: add it (jwt-allauth-starter brings it), declare a TotpService bean, "
								+ "or set jwtallauth.mfa.mode=disabled");
			}
			return new UnavailableTotpService();
		}

	}

}
