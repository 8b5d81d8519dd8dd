package io.github.jwtallauth.autoconfigure.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import com.warrenstrange.googleauth.HmacHashFunction;

/**
 * {@link TotpService} on googleauth: RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps,
 * 160-bit secrets. A code is accepted for the current step or one step either side (clock
 * drift), and the step it matched is returned so that the caller can refuse a code that
 * was already used.
 *
 * @author jwt-allauth contributors
 */
final class GoogleAuthTotpService implements TotpService {

	/** Length of a time step. */
	static final long STEP_MILLIS = TimeUnit.SECONDS.toMillis(30);

	/** Digits of a code. */
	static final int DIGITS = 6;

	private final GoogleAuthenticator authenticator = new GoogleAuthenticator(
			new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder().setCodeDigits(DIGITS)
				.setTimeStepSizeInMillis(STEP_MILLIS)
				.setWindowSize(3)
				.setSecretBits(160)
				.setNumberOfScratchCodes(0)
				.setHmacHashFunction(HmacHashFunction.HmacSHA1)
				.build());

	@Override
	public String newSecret() {
		return this.authenticator.createCredentials().getKey();
	}

	@Override
	public OptionalLong matchingStep(String secret, String code, Instant now) {
		String typed = code.strip().replace(" ", "");
		if (typed.length() != DIGITS || !typed.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		long current = now.toEpochMilli() / STEP_MILLIS;
		OptionalLong match = OptionalLong.empty();
		// every candidate is computed and compared in constant time, whichever matches
		for (long step = current - 1; step <= current + 1; step++) {
			String expected = String.format("%0" + DIGITS + "d",
					this.authenticator.getTotpPassword(secret, step * STEP_MILLIS));
			if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					typed.getBytes(StandardCharsets.US_ASCII)) && match.isEmpty()) {
				match = OptionalLong.of(step);
			}
		}
		return match;
	}

	@Override
	public String provisioningUri(String secret, String account, String issuer) {
		String label = encode(issuer) + ":" + encode(account);
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
				+ DIGITS + "&period=" + (STEP_MILLIS / 1000);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
