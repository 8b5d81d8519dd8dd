package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks TOTP codes against a user's stored, encrypted secret.
 *
 * @author jwt-allauth contributors
 */
final class TotpCodes {

	// the category it was logged under before the split, which log settings may name
	private static final Log logger = LogFactory.getLog(MfaService.class);

	private final MfaStore store;

	private final TotpService totp;

	private final SecretCipher cipher;

	private final Clock clock;

	TotpCodes(MfaStore store, TotpService totp, SecretCipher cipher, Clock clock) {
		this.store = store;
		this.totp = totp;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Accept a code of the user's active authenticator, once.
	 * @param userId the user
	 * @param code the code
	 * @return whether the code is right and was not used before
	 */
	boolean accept(String userId, String code) {
		Optional<MfaStore.Authenticator> authenticator = this.store.authenticator(userId, MfaStore.TOTP)
			.filter(MfaStore.Authenticator::confirmed);
		if (authenticator.isEmpty() || authenticator.get().secret() == null) {
			return false;
		}
		Instant now = this.clock.instant();
		String secret = decrypt(authenticator.get().secret(), userId);
		if (secret == null) {
			return false;
		}
		OptionalLong step = this.totp.matchingStep(secret, code, now);
		// a code is good once: its step must be newer than the last one accepted
		return step.isPresent() && this.store.advanceStep(authenticator.get().id(), step.getAsLong(), now);
	}

	/**
	 * Return the time step a code matches, for a secret not yet confirmed.
	 * @param sealedSecret the encrypted secret
	 * @param userId the user it belongs to
	 * @param code the code
	 * @param now the time
	 * @return the step, or empty when the code is wrong or the secret does not decrypt
	 */
	OptionalLong matchingStep(@Nullable String sealedSecret, String userId, String code, Instant now) {
		String secret = decrypt(sealedSecret, userId);
		return (secret != null) ? this.totp.matchingStep(secret, code, now) : OptionalLong.empty();
	}

	// A secret that does not decrypt (the key changed) lets nobody in, but is the
	// server's problem, said in the log, not a 500 to the client.
	private @Nullable String decrypt(@Nullable String secret, String userId) {
		if (secret == null) {
			return null;
		}
		try {
			return this.cipher.decrypt(secret, userId);
		}
		catch (IllegalStateException ex) {
			logger.error("The TOTP secret of user " + userId + " does not decrypt: was jwtallauth.mfa.encryption-key "
					+ "changed? The user cannot use TOTP until an administrator resets their MFA (MfaAdministration.reset).");
			return null;
		}
	}

}
