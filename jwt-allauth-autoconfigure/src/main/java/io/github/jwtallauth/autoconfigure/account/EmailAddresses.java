package io.github.jwtallauth.autoconfigure.account;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * E-mail address handling shared by every endpoint: addresses are trimmed and compared and stored
 * lower-case.
 *
 * @author jwt-allauth contributors
 */
public final class EmailAddresses {

	/** Longest address accepted (RFC 5321 path limit). */
	public static final int MAX_LENGTH = 254;

	// Deliberately simple: one @, no whitespace, a dot in the domain. Delivery proves the rest.
	private static final Pattern SHAPE = Pattern.compile("^[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s.\\p{Cntrl}]+$");

	private EmailAddresses() {
	}

	/**
	 * Normalize an address for storage and comparison.
	 * @param email the address as sent
	 * @return the trimmed, lower-case address
	 */
	public static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether a normalized address is acceptable.
	 * @param email the normalized address
	 * @return whether it looks like an e-mail address and is not too long
	 */
	public static boolean isValid(@Nullable String email) {
		return email != null && email.length() <= MAX_LENGTH && SHAPE.matcher(email).matches();
	}

	/**
	 * Mask an address for display to whoever holds a link: enough for its owner to recognise it
	 * ({@code a***@example.com}), too little to learn it.
	 * @param email the address
	 * @return the masked address
	 */
	public static String mask(String email) {
		int at = email.lastIndexOf('@');
		if (at < 1) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

}
