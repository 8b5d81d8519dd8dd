package io.github.jwtallauth.autoconfigure.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A user's single-use recovery codes: generated in sets of
 * {@link MfaService#RECOVERY_CODES}, stored only as keyed hashes, spent once each.
 *
 * @author jwt-allauth contributors
 */
final class RecoveryCodes {

	private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final int LENGTH = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MfaStore store;

	private final SecretCipher cipher;

	private final Clock clock;

	RecoveryCodes(MfaStore store, SecretCipher cipher, Clock clock) {
		this.store = store;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Replace the user's codes with a new set, in the caller's transaction.
	 * @param userId the user
	 * @param now the time
	 * @return the new codes, shown once
	 */
	List<String> replace(String userId, Instant now) {
		List<String> codes = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < MfaService.RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < LENGTH; c++) {
				code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
			}
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
			hashes.add(this.cipher.hash(userId, code.toString()));
		}
		this.store.replaceRecoveryCodes(userId, hashes, now);
		return codes;
	}

	/**
	 * Spend one of the user's codes.
	 * @param userId the user
	 * @param code the code as typed (case, dashes and spaces do not matter)
	 * @return whether it was an unspent code of the user
	 */
	boolean spend(String userId, String code) {
		String normalized = normalize(code);
		if (normalized.length() != LENGTH) {
			return false;
		}
		return this.store.spendRecoveryCode(userId, this.cipher.hash(userId, normalized), this.clock.instant());
	}

	static String normalize(String code) {
		return code.strip().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
	}

}
