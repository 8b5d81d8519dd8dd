package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords. Declare a bean of this type to replace the default, RFC
 * 6238 with HMAC-SHA1 through googleauth.
 *
 * @author jwt-allauth contributors
 */
public interface TotpService {

	/**
	 * Make a new secret.
	 * @return the secret, base32
	 */
	String newSecret();

	/**
	 * Find the time step a code belongs to, within one step either side of now.
	 * @param secret the secret, base32
	 * @param code the code as typed
	 * @param now the current time
	 * @return the step the code is valid for, or empty when it matches none
	 */
	OptionalLong matchingStep(String secret, String code, Instant now);

	/**
	 * Return the {@code otpauth://} URI an authenticator app scans.
	 * @param secret the secret, base32
	 * @param account the account label (the e-mail address)
	 * @param issuer the issuer
	 * @return the URI
	 */
	String provisioningUri(String secret, String account, String issuer);

}
