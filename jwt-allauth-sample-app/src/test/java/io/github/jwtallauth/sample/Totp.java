package io.github.jwtallauth.sample;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for the tests: RFC 6238 codes with the JDK's HMAC-SHA1,
 * independently of the library under test.
 */
final class Totp {

	private Totp() {
	}

	/** The current 30-second step. */
	static long currentStep() {
		return System.currentTimeMillis() / 30_000;
	}

	/**
	 * The code of a step.
	 * @param base32 the secret, as {@code POST /mfa/setup} gives it
	 * @param step the 30-second step
	 * @return six digits
	 */
	static String code(String base32, long step) throws Exception {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream key = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				key.write(buffer >> (bits - 8));
				bits -= 8;
			}
		}
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key.toByteArray(), "HmacSHA1"));
		byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

}
