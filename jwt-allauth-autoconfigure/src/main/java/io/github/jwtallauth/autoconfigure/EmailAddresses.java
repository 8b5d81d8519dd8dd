package io.github.jwtallauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

/**
 * E-mail address handling shared by every flow. {@link #parse(String)} is the one place
 * an address as sent becomes the address stored, compared, counted and mailed: a plain
 * {@code local@domain} with no display name, comment, quoted part or invisible character,
 * NFC-normalised and lower-case. Applications that look accounts up by address themselves
 * should go through it too.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class EmailAddresses {

	/** Longest address accepted, in UTF-8 octets: the longest path SMTP carries. */
	public static final int MAX_LENGTH = 254;

	/** Longest local part accepted, in UTF-8 octets, as SMTP allows. */
	public static final int MAX_LOCAL_PART_LENGTH = 64;

	/** Longest domain accepted, in UTF-8 octets, as SMTP allows. */
	public static final int MAX_DOMAIN_LENGTH = 255;

	// Address syntax beyond local@domain: each of these starts a display name, a comment,
	// a quoted
	// part, an address literal or a list, which a mail library reads as something else to
	// deliver to
	private static final String SPECIALS = "<>()[],;:\"\\";

	private EmailAddresses() {
	}

	/**
	 * Parse an address as sent into the one form it is stored, compared and mailed in.
	 * Surrounding ASCII whitespace (what a form adds) is trimmed; anything else that is
	 * not part of a plain {@code local@domain} address refuses it.
	 * @param email the address as sent
	 * @return the NFC-normalised, lower-case address, or empty when it is not acceptable
	 */
	public static Optional<String> parse(@Nullable String email) {
		if (email == null) {
			return Optional.empty();
		}
		String trimmed = trimAsciiWhitespace(email);
		// the raw text first: a no-break or zero-width space is refused, never normalised
		// away
		if (!isPlain(trimmed)) {
			return Optional.empty();
		}
		String canonical = canonicalize(trimmed);
		// and the result again: normalisation may produce a character the raw text did
		// not have
		// (U+037E is canonically ';'), and must have reached a form it keeps
		// and its decomposed spelling, which a client may send: U+226E decomposes to '<'
		// and a combining mark, so an address holding it would be accepted in one
		// spelling and refused in the other
		if (!isPlain(canonical) || !isPlain(Normalizer.normalize(canonical, Normalizer.Form.NFD))
				|| !canonical.equals(canonicalize(canonical)) || !hasPlainShape(canonical)) {
			return Optional.empty();
		}
		return Optional.of(canonical);
	}

	/**
	 * Mask an address for display to whoever holds a link: enough for its owner to
	 * recognise it ({@code a***@example.com}), too little to learn it.
	 * @param email the address
	 * @return the masked address
	 */
	public static String mask(String email) {
		int at = email.lastIndexOf('@');
		if (at < 1) {
			return "***";
		}
		// the whole first code point: half of a surrogate pair would show as a
		// replacement character
		return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
	}

	private static String canonicalize(String email) {
		// lower-casing can leave a string that is no longer NFC, so normalise on both
		// sides of it
		String composed = Normalizer.normalize(email, Normalizer.Form.NFC);
		return Normalizer.normalize(composed.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
	}

	private static String trimAsciiWhitespace(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isAsciiWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && isAsciiWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	private static boolean isAsciiWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
	}

	/**
	 * Whether a text holds only characters a plain address may contain, one of them a
	 * single '@'.
	 */
	private static boolean isPlain(String text) {
		int ats = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (codePoint == '@') {
				ats++;
			}
			else if (SPECIALS.indexOf(codePoint) >= 0 || !isAllowedType(codePoint)) {
				return false;
			}
		}
		return ats == 1;
	}

	private static boolean isAllowedType(int codePoint) {
		return switch (Character.getType(codePoint)) {
			// spaces and separators, format (zero-width, bidi controls, soft hyphen),
			// control
			// characters, and a surrogate that codePointAt could not pair
			case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
					Character.CONTROL, Character.SURROGATE ->
				false;
			// a character this JDK does not know may normalise differently under a later
			// one, and
			// the stored address would then stop matching what its owner types
			case Character.UNASSIGNED -> false;
			default -> true;
		};
	}

	/**
	 * Lengths, a dot in the domain, and what a mail library makes of it: the same bare
	 * address.
	 */
	private static boolean hasPlainShape(String email) {
		int at = email.indexOf('@');
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		if (local.isEmpty() || domain.indexOf('.') < 1 || octets(email) > MAX_LENGTH
				|| octets(local) > MAX_LOCAL_PART_LENGTH || octets(domain) > MAX_DOMAIN_LENGTH) {
			return false;
		}
		try {
			InternetAddress parsed = new InternetAddress(email, true);
			return parsed.getPersonal() == null && email.equals(parsed.getAddress());
		}
		catch (AddressException ex) {
			return false;
		}
	}

	private static int octets(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
