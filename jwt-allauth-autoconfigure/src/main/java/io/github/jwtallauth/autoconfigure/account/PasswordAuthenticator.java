package io.github.jwtallauth.autoconfigure.account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Checks an e-mail and password. An unknown address still costs one password hash, so the
 * answer's timing does not reveal which addresses have accounts.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordAuthenticator {

	private final AccountService accounts;

	private final PasswordEncoder passwordEncoder;

	private final String dummyHash;

	private final boolean requireVerifiedEmail;

	public PasswordAuthenticator(AccountService accounts, PasswordEncoder passwordEncoder) {
		this(accounts, passwordEncoder, false);
	}

	/**
	 * Create an authenticator.
	 * @param accounts the user store
	 * @param passwordEncoder the password encoder
	 * @param requireVerifiedEmail whether an unverified address refuses login (mandatory
	 * verification)
	 */
	public PasswordAuthenticator(AccountService accounts, PasswordEncoder passwordEncoder,
			boolean requireVerifiedEmail) {
		Assert.notNull(accounts, "'accounts' must not be null");
		Assert.notNull(passwordEncoder, "'passwordEncoder' must not be null");
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	/**
	 * Authenticate a user.
	 * @param email the address as sent
	 * @param password the password exactly as sent
	 * @return the user
	 * @throws JwtAllAuthException 401 {@code incorrect_credentials},
	 * {@code account_inactive} or {@code email_not_verified}
	 */
	public UserAccount authenticate(String email, String password) {
		// an address that cannot exist is looked up nowhere, but costs the same hash
		Optional<UserAccount> found = EmailAddresses.parse(email).flatMap(this.accounts::findByEmail);
		String hash = found.map(UserAccount::getPassword).orElse(null);
		boolean matches = matches(password, (hash != null) ? hash : this.dummyHash);
		if (found.isEmpty() || hash == null || !matches) {
			throw new JwtAllAuthException(ErrorCode.INCORRECT_CREDENTIALS);
		}
		UserAccount user = found.get();
		SignInChecks.check(user, this.requireVerifiedEmail);
		upgrade(user, hash, password);
		return user;
	}

	// Spring Security's upgrade: a hash the encoder would now write differently (a Django
	// hash, a weaker bcrypt) is replaced by a fresh one while the password is at hand. A
	// password bcrypt cannot take keeps the hash it has.
	private void upgrade(UserAccount user, String hash, String password) {
		if (this.passwordEncoder.upgradeEncoding(hash) && canEncode(password)) {
			this.accounts.upgradePassword(user.getId(), hash, this.passwordEncoder.encode(password));
		}
	}

	/**
	 * Whether a password is the user's current one.
	 * @param user the user
	 * @param password the password exactly as sent
	 * @return whether it matches
	 */
	public boolean isCurrentPassword(UserAccount user, String password) {
		String hash = user.getPassword();
		return matches(password, (hash != null) ? hash : this.dummyHash) && hash != null;
	}

	// bcrypt reads 72 bytes and ignores the rest, so against a bcrypt hash a longer
	// password would
	// match any password sharing its first 72 bytes. It is hashed all the same, so that
	// it costs what
	// a wrong one costs, and then matches nothing. Other encoders (argon2, pbkdf2) read
	// it whole.
	private boolean matches(String password, String hash) {
		boolean matched;
		try {
			matched = this.passwordEncoder.matches(password, hash);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return matched && (canEncode(password) || !isBcrypt(hash));
	}

	private static boolean isBcrypt(String hash) {
		if (DjangoPasswordEncoder.isDjangoBcrypt(hash)) {
			return true;
		}
		String bare = hash.startsWith("{bcrypt}") ? hash.substring("{bcrypt}".length()) : hash;
		return bare.startsWith("$2a$") || bare.startsWith("$2b$") || bare.startsWith("$2y$") || bare.startsWith("$2$");
	}

	/**
	 * Whether the encoder can hash a password: bcrypt takes at most 72 bytes.
	 * @param rawPassword the password exactly as sent
	 * @return whether {@link #encode(String)} accepts it
	 */
	public boolean canEncode(String rawPassword) {
		return rawPassword.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
	}

	/** Longest password, in UTF-8 bytes, that bcrypt hashes without truncation. */
	public static final int MAX_PASSWORD_BYTES = 72;

	/**
	 * Encode a new password.
	 * @param rawPassword the password exactly as sent
	 * @return its hash
	 */
	public String encode(String rawPassword) {
		return this.passwordEncoder.encode(rawPassword);
	}

}
