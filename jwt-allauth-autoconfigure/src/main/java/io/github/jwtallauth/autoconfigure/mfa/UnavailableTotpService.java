package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Stands in for the TOTP service when googleauth is missing and MFA is disabled: the
 * {@link MfaService} needs one, and with {@code jwtallauth.mfa.mode=disabled} it never
 * calls it.
 *
 * @author jwt-allauth contributors
 */
final class UnavailableTotpService implements TotpService {

	@Override
	public String newSecret() {
		throw unavailable();
	}

	@Override
	public OptionalLong matchingStep(String secret, String code, Instant now) {
		throw unavailable();
	}

	@Override
	public String provisioningUri(String secret, String account, String issuer) {
		throw unavailable();
	}

	private static IllegalStateException unavailable() {
		return new IllegalStateException("No TOTP: googleauth is not on the classpath and MFA is disabled");
	}

}
