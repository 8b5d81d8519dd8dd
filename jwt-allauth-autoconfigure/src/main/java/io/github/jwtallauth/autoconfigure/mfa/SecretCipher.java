package io.github.jwtallauth.autoconfigure.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * AES-256-GCM for TOTP secrets at rest, under {@code jwtallauth.mfa.encryption-key}. Each
 * value gets a fresh 96-bit nonce, and the user id is authenticated with it: a ciphertext
 * copied to another user's row does not decrypt. The same key (through HMAC-SHA256)
 * hashes recovery codes, so a copy of the database alone cannot test guesses against
 * them.
 *
 * @author jwt-allauth contributors
 */
final class SecretCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec hashKey;

	/**
	 * Create a cipher.
	 * @param key 32 bytes
	 */
	SecretCipher(byte[] key) {
		Assert.isTrue(key.length == 32, "The MFA encryption key must be 32 bytes");
		// one configured key, two derived ones: a key is never used by two algorithms
		this.encryptionKey = new SecretKeySpec(derive(key, "jwt-allauth mfa secret encryption"), "AES");
		this.hashKey = new SecretKeySpec(derive(key, "jwt-allauth mfa recovery code hash"), "HmacSHA256");
	}

	private static byte[] derive(byte[] key, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

	/**
	 * Parse a base64 key, as {@code jwtallauth.mfa.encryption-key} holds it.
	 * @param base64 the key
	 * @return the cipher
	 * @throws IllegalArgumentException if it is not 32 bytes of base64
	 */
	static SecretCipher fromBase64(String base64) {
		byte[] key = Base64.getDecoder().decode(base64.strip());
		if (key.length != 32) {
			throw new IllegalArgumentException("expected 32 bytes, got " + key.length);
		}
		return new SecretCipher(key);
	}

	/**
	 * Make a random key, for development.
	 * @return 32 random bytes
	 */
	static byte[] randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return key;
	}

	/**
	 * Encrypt a secret for a user.
	 * @param plaintext the secret
	 * @param userId the user, authenticated with it
	 * @return base64 of nonce and ciphertext
	 */
	String encrypt(String plaintext, String userId) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is required of every Java platform", ex);
		}
	}

	/**
	 * Decrypt a secret of a user.
	 * @param stored base64 of nonce and ciphertext
	 * @param userId the user it was encrypted for
	 * @return the secret
	 * @throws IllegalStateException if it was not encrypted for this user with this key
	 */
	String decrypt(String stored, String userId) {
		try {
			byte[] in = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored MFA secret does not decrypt: wrong key, or not this user's", ex);
		}
	}

	/**
	 * Hash a recovery code under the key.
	 * @param userId the user
	 * @param code the normalized code
	 * @return 64 hex digits
	 */
	String hash(String userId, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			mac.update(userId.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

}
