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

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.JwtAllAuthAccountAutoConfiguration;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.ratelimit.JwtAllAuthRateLimitAutoConfiguration;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;
import io.github.jwtallauth.autoconfigure.token.JwtAllAuthTokenAutoConfiguration;
import io.github.jwtallauth.autoconfigure.token.SigningKeys;

/**
 * Auto-configuration of multi-factor authentication ({@code jwtallauth.mfa.*}): the TOTP
 * service, the cipher of stored secrets, the MFA tables and the service that runs the
 * flows. Present whatever the mode, so that the endpoints can answer
 * {@code mfa_disabled}; the encryption key, and googleauth for the codes, are only
 * demanded when MFA is on. Without ZXing, enrolments carry no QR code. The parts of the
 * service are package-private and built here only, in the {@link MfaService} bean.
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

	/**
	 * The service and every part of it, built here and nowhere else: an application that
	 * declares its own {@link MfaService} gets none of them, and does not need the
	 * encryption key they would use.
	 */
	@Bean
	@ConditionalOnMissingBean
	MfaService jwtAllAuthMfaService(DataSource dataSource, TotpService totp, AccountService accounts,
			PasswordAuthenticator passwords, ObjectProvider<PasswordRecheckThrottle> recheck,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			JwtAllAuthProperties properties, ObjectProvider<SigningKeys> signingKeys, ObjectProvider<Clock> clocks,
			ResourceLoader resourceLoader) {
		JwtAllAuthProperties.Mfa settings = properties.mfa();
		SecretCipher cipher = secretCipher(settings, signingKeys);
		boolean qrCodes = qrCodes(settings, resourceLoader);
		Clock clock = clocks.getIfUnique(Clock::systemUTC);
		MfaStore store = new MfaStore(new JdbcTemplate(dataSource));
		MfaAttempts attempts = new MfaAttempts(store, events, settings, clock);
		TotpCodes totpCodes = new TotpCodes(store, totp, cipher, clock);
		RecoveryCodes recoveryCodes = new RecoveryCodes(store, cipher, clock);
		MfaChallenges challenges = new MfaChallenges(store, attempts, totpCodes, recoveryCodes, accounts, events,
				settings.challengeMaxAttempts(), clock);
		MfaEnrolment enrolment = new MfaEnrolment(store, totp, cipher, totpCodes, recoveryCodes, challenges, attempts,
				passwords, recheck.getIfAvailable(), new TransactionTemplate(transactionManager), events, settings,
				qrCodes, clock);
		return new MfaService(settings.mode(), challenges, enrolment, attempts);
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

	private static SecretCipher secretCipher(JwtAllAuthProperties.Mfa mfa, ObjectProvider<SigningKeys> signingKeys) {
		String key = mfa.encryptionKey();
		if (key != null && !key.isBlank()) {
			// its form was checked when the properties were bound
			return SecretCipher.fromBase64(key);
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
				"jwtallauth.mfa.mode=" + mfa.mode().name().toLowerCase(Locale.ROOT)
						+ " stores TOTP secrets encrypted: set jwtallauth.mfa.encryption-key to 32 random bytes in "
						+ "base64, e.g. from `openssl rand -base64 32`");
	}

	// ZXing is optional: without it an enrolment carries no QR code, and the client
	// renders the provisioning URI or shows the secret. Asked of the application's class
	// loader, as a condition would be.
	private static boolean qrCodes(JwtAllAuthProperties.Mfa mfa, ResourceLoader resourceLoader) {
		boolean zxing = ClassUtils.isPresent(QrCodes.ZXING_CLASS, resourceLoader.getClassLoader());
		if (!zxing && mfa.mode() != MfaMode.DISABLED) {
			logger.info("ZXing (com.google.zxing:core) is not on the classpath: POST /mfa/setup answers "
					+ "\"qr_code\": null. Clients show the secret or draw provisioning_uri as a QR code themselves.");
		}
		return zxing;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = GOOGLEAUTH_CLASS)
	static final class GoogleAuthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TotpService jwtAllAuthTotpService() {
			return new GoogleAuthTotpService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(GOOGLEAUTH_CLASS)
	static final class NoGoogleAuthConfiguration {

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
