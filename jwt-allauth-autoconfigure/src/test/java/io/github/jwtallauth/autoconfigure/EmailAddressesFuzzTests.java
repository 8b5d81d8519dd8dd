package io.github.jwtallauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link EmailAddresses}, the one place an address as sent becomes the address
 * stored: it never throws, and what it accepts is a fixed point of it (parsing the result
 * again gives the result), lower-case, NFC, one {@code @}, within SMTP's lengths, and
 * spelled the same whichever Unicode-equivalent form or surrounding blanks it came in.
 */
class EmailAddressesFuzzTests {

	private static final String[] PARTS = { "@", ".", "a", "A", "example.com", "x@y.zz", " ", "\t", "\u00a0", "\u200b",
			"\u037e", "\u0130", "\u212a", "e\u0301", "\u00e9", "\u00df", "\"", "(", "<", ">", ",", ";", ":", "\\", "[",
			"]", "+", "-", "_", "..", "\ud83d\ude00", "\ud800", "\u0000", "\n", "\u2028", "\ufeff", "=?utf-8?" };

	@FuzzTest
	void parse(FuzzedDataProvider data) {
		String input = data.consumeBoolean() ? assembled(data) : data.consumeRemainingAsString();
		Optional<String> parsed = EmailAddresses.parse(input);
		check(EmailAddresses.mask(input) != null, "mask of " + input);
		if (parsed.isEmpty()) {
			return;
		}
		String address = parsed.get();
		check(EmailAddresses.parse(address).equals(parsed), "not idempotent: " + input + " -> " + address);
		check(address.equals(address.toLowerCase(Locale.ROOT)), "not lower-case: " + address);
		check(Normalizer.isNormalized(address, Normalizer.Form.NFC), "not NFC: " + address);
		check(address.indexOf('@') > 0 && address.indexOf('@') == address.lastIndexOf('@'), "not one @: " + address);
		check(address.getBytes(StandardCharsets.UTF_8).length <= EmailAddresses.MAX_LENGTH, "too long: " + address);
		check(address.strip().equals(address), "blank around: " + address);
		check(EmailAddresses.parse(" \t" + input + "\r\n").equals(parsed), "blanks change it: " + input);
		check(EmailAddresses.parse(Normalizer.normalize(input, Normalizer.Form.NFD)).equals(parsed),
				"NFD spelling differs: " + input);
		String masked = EmailAddresses.mask(address);
		check(masked.endsWith(address.substring(address.lastIndexOf('@'))), "mask hides the domain: " + masked);
		// only the first character of the local part shows (an address may itself hold
		// "***")
		check(masked.equals(address.substring(0, address.offsetByCodePoints(0, 1)) + "***"
				+ address.substring(address.lastIndexOf('@'))), "mask shows more: " + masked);
	}

	/** An address-like text assembled from the parts parsers trip on. */
	private static String assembled(FuzzedDataProvider data) {
		StringBuilder text = new StringBuilder();
		int parts = data.consumeInt(1, 12);
		for (int i = 0; i < parts; i++) {
			text.append(data.consumeBoolean() ? data.pickValue(PARTS) : data.consumeString(8));
		}
		return text.toString();
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError(message);
		}
	}

}
