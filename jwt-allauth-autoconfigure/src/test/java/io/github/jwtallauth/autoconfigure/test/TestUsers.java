package io.github.jwtallauth.autoconfigure.test;

import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;

/**
 * Creates accounts for tests, each with a fresh address.
 */
public final class TestUsers {

	public static final String PASSWORD = "correct horse battery staple";

	private final AccountService accounts;

	private final PasswordEncoder encoder;

	public TestUsers(AccountService accounts, PasswordEncoder encoder) {
		this.accounts = accounts;
		this.encoder = encoder;
	}

	public UserAccount user() {
		return create(0, true);
	}

	public UserAccount staff() {
		return create(1000, true);
	}

	public UserAccount inactive() {
		return create(0, false);
	}

	public UserAccount create(int role, boolean active) {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		return this.accounts
			.create(new NewAccount(email, this.encoder.encode(PASSWORD), "Ada", "Lovelace", role, active, true));
	}

	public static String loginJson(UserAccount user) {
		return loginJson(user.getEmail(), PASSWORD);
	}

	public static String loginJson(String email, String password) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
	}

}
