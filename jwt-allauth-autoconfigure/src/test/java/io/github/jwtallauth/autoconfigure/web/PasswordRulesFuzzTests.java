package io.github.jwtallauth.autoconfigure.web;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.DefaultPasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Fuzzes the rules a new password meets ({@link NewPasswords} with the
 * {@link DefaultPasswordPolicy}): they never throw, a refusal always names a field, and
 * the rules hold as documented (too short, entirely numeric, mismatch, more than bcrypt's
 * 72 bytes), whatever the password, the second field and the owner's address and names.
 */
class PasswordRulesFuzzTests {

	private static final DefaultPasswordPolicy POLICY = new DefaultPasswordPolicy(8, true);

	// the rules never look an account up: an account store that cannot be reached proves
	// it
	private static final PasswordAuthenticator PASSWORDS = new PasswordAuthenticator(
			(AccountService) Proxy.newProxyInstance(AccountService.class.getClassLoader(),
					new Class<?>[] { AccountService.class }, (proxy, method, args) -> {
						throw new AssertionError("The password rules looked an account up: " + method.getName());
					}),
			PasswordEncoderFactories.createDelegatingPasswordEncoder());

	@FuzzTest
	void newPasswords(FuzzedDataProvider data) {
		NewPasswords.Form form = data.consumeBoolean() ? NewPasswords.REGISTRATION : NewPasswords.CHANGE;
		PasswordPolicy.PasswordContext owner = new PasswordPolicy.PasswordContext(data.consumeString(60),
				data.consumeString(30), data.consumeString(30));
		String password1 = data.consumeInt(0, 15) == 0 ? null : data.consumeString(120);
		String password2 = switch (data.consumeInt(0, 3)) {
			case 0 -> null;
			case 1 -> data.consumeString(120);
			default -> password1;
		};
		List<String> problems = (password1 != null) ? POLICY.validate(password1, owner) : List.of();
		if (password1 != null) {
			int length = password1.codePointCount(0, password1.length());
			check(problems.stream().anyMatch((problem) -> problem.contains("too short")) == (length < 8),
					"length rule for " + length + " characters: " + problems);
			check(problems.stream().anyMatch((problem) -> problem.contains("entirely numeric")) == (!password1.isEmpty()
					&& password1.chars().allMatch(Character::isDigit)), "numeric rule: " + problems);
			check(POLICY.validate(password1, owner).equals(problems), "not deterministic");
		}
		FieldErrors errors = new FieldErrors();
		NewPasswords.validate(errors, form, password1, password2, owner, PASSWORDS, POLICY);
		boolean accepted;
		try {
			errors.throwIfAny();
			accepted = true;
		}
		catch (JwtAllAuthException ex) {
			check(ex.getStatus() == 400 && !ex.getErrors().isEmpty(), "a refusal without a field: " + ex.getErrors());
			accepted = false;
		}
		if (accepted) {
			check(password1 != null && password1.equals(password2), "accepted two different passwords");
			check(problems.isEmpty(), "accepted despite " + problems);
			check(password1.getBytes(StandardCharsets.UTF_8).length <= PasswordAuthenticator.MAX_PASSWORD_BYTES,
					"accepted a password bcrypt would truncate");
		}
		else if (password1 != null && password1.equals(password2) && problems.isEmpty()) {
			check(password1.getBytes(StandardCharsets.UTF_8).length > PasswordAuthenticator.MAX_PASSWORD_BYTES,
					"refused a password the policy accepts");
		}
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError(message);
		}
	}

}
