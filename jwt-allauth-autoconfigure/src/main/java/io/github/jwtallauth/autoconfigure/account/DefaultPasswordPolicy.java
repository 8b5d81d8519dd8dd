package io.github.jwtallauth.autoconfigure.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Default {@link PasswordPolicy}: a minimum length, not entirely numeric, not too similar
 * to the e-mail address or the names, and not a common password (Django's rules, whose
 * messages clients of the original know). Common passwords are those of zxcvbn's ranked
 * list of leaked passwords, compared case-insensitively.
 *
 * @author jwt-allauth contributors
 */
public class DefaultPasswordPolicy implements PasswordPolicy {

	private static final double MAX_SIMILARITY = 0.7;

	private final int minLength;

	// loading the dictionaries takes a moment and some memory: only when a password is
	// first checked
	private final SingletonSupplier<Zxcvbn> zxcvbn = SingletonSupplier.of(Zxcvbn::new);

	/**
	 * Create a policy.
	 * @param minLength the minimum number of characters
	 */
	public DefaultPasswordPolicy(int minLength) {
		this.minLength = minLength;
	}

	@Override
	public List<String> validate(String password, PasswordContext context) {
		List<String> problems = new ArrayList<>();
		if (password.codePointCount(0, password.length()) < this.minLength) {
			problems.add("This password is too short. It must contain at least " + this.minLength + " characters.");
		}
		if (!password.isEmpty() && password.chars().allMatch(Character::isDigit)) {
			problems.add("This password is entirely numeric.");
		}
		String similar = similarAttribute(password, context);
		if (similar != null) {
			problems.add("The password is too similar to the " + similar + ".");
		}
		if (isCommon(password)) {
			problems.add("This password is too common.");
		}
		return problems;
	}

	private boolean isCommon(String password) {
		if (password.isEmpty()) {
			return false;
		}
		// the whole password is one plain entry of the "passwords" dictionary
		for (Match match : this.zxcvbn.obtain().measure(password).getSequence()) {
			if (match.pattern == Pattern.Dictionary && "passwords".equals(match.dictionaryName) && match.i == 0
					&& match.j == password.length() - 1 && !match.reversed && !match.l33t) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String similarAttribute(String password, PasswordContext context) {
		String lower = password.toLowerCase(Locale.ROOT);
		if (isSimilar(lower, context.email())) {
			return "email";
		}
		if (isSimilar(lower, context.firstName())) {
			return "first name";
		}
		if (isSimilar(lower, context.lastName())) {
			return "last name";
		}
		return null;
	}

	// Django's UserAttributeSimilarityValidator: the whole value and each of its word
	// parts.
	private static boolean isSimilar(String password, @Nullable String attribute) {
		if (attribute == null || attribute.isBlank()) {
			return false;
		}
		String value = attribute.toLowerCase(Locale.ROOT);
		List<String> parts = new ArrayList<>(List.of(value.split("\\W+")));
		parts.add(value);
		for (String part : parts) {
			if (!part.isEmpty() && ratio(password, part) >= MAX_SIMILARITY) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Ratcliff/Obershelp similarity, as Python's {@code SequenceMatcher.ratio()}: twice
	 * the number of matching characters over the total length.
	 */
	static double ratio(String a, String b) {
		int total = a.length() + b.length();
		return (total == 0) ? 1.0 : 2.0 * matches(a, b) / total;
	}

	private static int matches(String a, String b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		int bestLength = 0;
		int bestA = 0;
		int bestB = 0;
		int[] previous = new int[b.length() + 1];
		for (int i = 1; i <= a.length(); i++) {
			int[] current = new int[b.length() + 1];
			for (int j = 1; j <= b.length(); j++) {
				if (a.charAt(i - 1) == b.charAt(j - 1)) {
					current[j] = previous[j - 1] + 1;
					if (current[j] > bestLength) {
						bestLength = current[j];
						bestA = i - bestLength;
						bestB = j - bestLength;
					}
				}
			}
			previous = current;
		}
		if (bestLength == 0) {
			return 0;
		}
		return bestLength + matches(a.substring(0, bestA), b.substring(0, bestB))
				+ matches(a.substring(bestA + bestLength), b.substring(bestB + bestLength));
	}

}
