package io.github.jwtallauth.autoconfigure.security;

/**
 * The character rules of Spring Security's {@code StrictHttpFirewall} for header names,
 * header values and parameter names, written as a loop instead of its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, with a tab also allowed in header
 * values). Every request's {@code Authorization} header passes the header-value rule, and
 * the regular expression walks a 400-character access token at several microseconds, as
 * much as the rest of the token check; the loop accepts printable ASCII at once and asks
 * {@link Character#getType(int)} only about the other code points, exactly as the
 * expression does.
 *
 * @author jwt-allauth contributors
 */
final class FirewallCharacters {

	private FirewallCharacters() {
	}

	/**
	 * Whether every code point is assigned and not a control character: the rule for
	 * header names and parameter names.
	 * @param text the text to check
	 * @return whether it passes
	 */
	static boolean isAssignedAndNotControl(String text) {
		return passes(text, false);
	}

	/**
	 * Whether every code point is assigned and either not a control character or a tab:
	 * the rule for header values.
	 * @param text the text to check
	 * @return whether it passes
	 */
	static boolean isHeaderValue(String text) {
		return passes(text, true);
	}

	private static boolean passes(String text, boolean tabAllowed) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if ((c >= ' ' && c < 0x7f) || (tabAllowed && c == '\t')) {
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || type == Character.CONTROL) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
