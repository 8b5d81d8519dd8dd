package io.github.jwtallauth.autoconfigure.test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP written from RFC 6238 and RFC 4226 alone, with the JDK's HMAC: the independent
 * implementation the tests check googleauth's codes against.
 */
public final class Rfc6238 {

	private Rfc6238() {
	}

	/**
	 * The code of a base32 secret at a time: HMAC-SHA1, 30-second steps, {@code digits}
	 * digits.
	 */
	public static String code(String base32Secret, Instant time, int digits) {
		return codeAtStep(base32Secret, Math.floorDiv(time.getEpochSecond(), 30), digits);
	}

	/** The code of a base32 secret for a time step. */
	public static String codeAtStep(String base32Secret, long step, int digits) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int modulus = (int) Math.pow(10, digits);
			return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** RFC 4648 base32, upper case, no padding needed. */
	public static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		String clean = text.replace("=", "").toUpperCase(Locale.ROOT);
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}

}
