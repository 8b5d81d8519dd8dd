package io.github.jwtallauth.autoconfigure.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Default {@link PasswordPolicy}: a minimum length, not entirely numeric, not too similar
 * to the e-mail address or the names, and not a common password (Django's rules, whose
 * messages clients of the original know). Common passwords are those of zxcvbn's ranked
 * list of leaked passwords, compared case-insensitively; without zxcvbn4j on the
 * classpath that one rule is skipped.
 *
 * @author jwt-allauth contributors
 */
public final class DefaultPasswordPolicy implements PasswordPolicy {

	private static final double MAX_SIMILARITY = 0.7;

	private final int minLength;

	// zxcvbn4j is optional: its class is only loaded when the library is there
	private final @Nullable CommonPasswords commonPasswords;

	/**
	 * Create a policy that refuses common passwords when zxcvbn4j is on the classpath.
	 * @param minLength the minimum number of characters
	 */
	public DefaultPasswordPolicy(int minLength) {
		this(minLength,
				ClassUtils.isPresent(CommonPasswords.ZXCVBN_CLASS, DefaultPasswordPolicy.class.getClassLoader()));
	}

	/**
	 * Create a policy.
	 * @param minLength the minimum number of characters
	 * @param refuseCommonPasswords whether to refuse passwords of zxcvbn4j's list, which
	 * must then be on the classpath
	 */
	public DefaultPasswordPolicy(int minLength, boolean refuseCommonPasswords) {
		this.minLength = minLength;
		this.commonPasswords = refuseCommonPasswords ? new CommonPasswords() : null;
	}

	/**
	 * Whether common passwords are refused.
	 * @return whether the common-password rule applies
	 */
	public boolean isRefusingCommonPasswords() {
		return this.commonPasswords != null;
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
		return this.commonPasswords != null && !password.isEmpty() && this.commonPasswords.isCommon(password);
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
