package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Collects the field errors of a request, answered together as one 400 {@code invalid}
 * problem.
 *
 * @author jwt-allauth contributors
 */
final class FieldErrors {

	static final String REQUIRED = "This field is required.";

	static final String BLANK = "This field may not be blank.";

	private final Map<String, List<String>> errors = new LinkedHashMap<>();

	/**
	 * Require a non-blank value.
	 * @return whether the value is present
	 */
	boolean require(String field, @Nullable String value) {
		if (value == null) {
			add(field, REQUIRED);
			return false;
		}
		if (value.isBlank()) {
			add(field, BLANK);
			return false;
		}
		return true;
	}

	/**
	 * Require a value taken exactly as sent (a password): present and not empty, blanks
	 * allowed.
	 * @return whether the value is present
	 */
	boolean requireVerbatim(String field, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			add(field, (value == null) ? REQUIRED : BLANK);
			return false;
		}
		return true;
	}

	/**
	 * Require a plain e-mail address.
	 * @return the address as {@link EmailAddresses#parse(String)} makes it, or
	 * {@code null} when it is missing or invalid
	 */
	@Nullable String email(String field, @Nullable String value) {
		if (!require(field, value)) {
			return null;
		}
		String email = EmailAddresses.parse(value).orElse(null);
		if (email == null) {
			add(field, "Enter a valid email address.");
		}
		return email;
	}

	void maxLength(String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			add(field, "Ensure this field has no more than " + max + " characters.");
		}
	}

	/** Refuse control characters (NUL and friends) in a text that will be stored. */
	void printable(String field, @Nullable String value) {
		if (value != null && value.chars().anyMatch(Character::isISOControl)) {
			add(field, "Enter a valid value.");
		}
	}

	void add(String field, String message) {
		this.errors.computeIfAbsent(field, (key) -> new ArrayList<>()).add(message);
	}

	boolean has(String field) {
		return this.errors.containsKey(field);
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw JwtAllAuthException.invalid(this.errors);
		}
	}

}
