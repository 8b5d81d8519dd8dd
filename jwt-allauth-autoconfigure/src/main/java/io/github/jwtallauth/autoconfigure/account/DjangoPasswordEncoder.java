package io.github.jwtallauth.autoconfigure.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.ClassUtils;

/**
 * Verifies password hashes written by Django's password hashers, so that users imported
 * from a Django project log in with their passwords. It understands
 * {@code pbkdf2_sha256$<iterations>$<salt>$<hash>} (Django's default),
 * {@code pbkdf2_sha1$...}, {@code bcrypt_sha256$$2b$...}, {@code bcrypt$$2b$...} and,
 * when BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) is on the classpath,
 * {@code argon2$argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>}. Any other hash matches
 * nothing.
 * <p>
 * It only verifies: {@link #encode(CharSequence)} throws, and
 * {@link #upgradeEncoding(String)} is always {@code true}, so that a successful login
 * replaces the Django hash with one of the application's encoder. The default
 * {@link PasswordEncoder} of jwt-allauth is a {@link DelegatingPasswordEncoder} that
 * hands it every hash without a <code>{id}</code> prefix; an application declaring its
 * own delegating encoder composes it the same way, with
 * {@link DelegatingPasswordEncoder#setDefaultPasswordEncoderForMatches(PasswordEncoder)}.
 *
 * @author jwt-allauth contributors
 */
public final class DjangoPasswordEncoder extends AbstractValidatingPasswordEncoder {

	private static final String ARGON2_GENERATOR = "org.bouncycastle.crypto.generators.Argon2BytesGenerator";

	// the length of Django's PBKDF2 output: the digest size of its hash function
	private static final int SHA256_LENGTH = 32;

	private static final int SHA1_LENGTH = 20;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	private final @Nullable PasswordEncoder argon2;

	/**
	 * Create an encoder. Argon2 hashes are verified when BouncyCastle is on the
	 * classpath.
	 */
	public DjangoPasswordEncoder() {
		// Spring's Argon2 encoder reads its parameters from the hash, not from its own
		// settings
		this.argon2 = ClassUtils.isPresent(ARGON2_GENERATOR, DjangoPasswordEncoder.class.getClassLoader())
				? Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8() : null;
	}

	/**
	 * Whether a stored hash is Django's plain bcrypt form, which like any bcrypt reads
	 * only the first 72 bytes of a password.
	 * @param encodedPassword the stored hash
	 * @return whether it starts with {@code bcrypt$}
	 */
	static boolean isDjangoBcrypt(String encodedPassword) {
		return encodedPassword.startsWith("bcrypt$");
	}

	@Override
	protected String encodeNonNullPassword(String rawPassword) {
		throw new UnsupportedOperationException(
				"DjangoPasswordEncoder only verifies Django hashes; encode new passwords with another encoder");
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		int dollar = encodedPassword.indexOf('$');
		if (dollar <= 0) {
			// Django's unusable passwords ("!...") and anything else without an algorithm
			return false;
		}
		String data = encodedPassword.substring(dollar + 1);
		return switch (encodedPassword.substring(0, dollar)) {
			case "pbkdf2_sha256" -> pbkdf2(rawPassword, data, "PBKDF2WithHmacSHA256", SHA256_LENGTH);
			case "pbkdf2_sha1" -> pbkdf2(rawPassword, data, "PBKDF2WithHmacSHA1", SHA1_LENGTH);
			// bcrypt of the hex SHA-256 of the password, so that it reads all of it
			case "bcrypt_sha256" -> isBcryptData(data) && this.bcrypt.matches(sha256Hex(rawPassword), data);
			case "bcrypt" -> isBcryptData(data) && this.bcrypt.matches(rawPassword, data);
			// Django writes "argon2" followed by the PHC string, whose leading "$" it
			// shares
			case "argon2" -> this.argon2 != null && this.argon2.matches(rawPassword, "$" + data);
			default -> false;
		};
	}

	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		return true;
	}

	private static boolean isBcryptData(String data) {
		return data.startsWith("$2");
	}

	// Django: base64(pbkdf2_hmac(digest, utf8(password), utf8(salt), iterations)),
	// compared
	// in constant time
	private static boolean pbkdf2(String rawPassword, String data, String algorithm, int length) {
		String[] parts = data.split("\\$", -1);
		if (parts.length != 3) {
			return false;
		}
		byte[] expected;
		int iterations;
		try {
			iterations = Integer.parseInt(parts[0]);
			expected = Base64.getDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (iterations < 1 || expected.length != length || parts[1].isEmpty()) {
			return false;
		}
		// the JDK's PBKDF2 encodes the password's characters as UTF-8, as Django does
		PBEKeySpec spec = new PBEKeySpec(rawPassword.toCharArray(), parts[1].getBytes(StandardCharsets.UTF_8),
				iterations, length * 8);
		try {
			byte[] actual = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
			return MessageDigest.isEqual(expected, actual);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
		finally {
			spec.clearPassword();
		}
	}

	private static String sha256Hex(String rawPassword) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPassword.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
