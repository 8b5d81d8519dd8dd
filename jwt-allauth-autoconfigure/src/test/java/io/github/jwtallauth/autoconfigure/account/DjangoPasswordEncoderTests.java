package io.github.jwtallauth.autoconfigure.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hashes as Django writes them are verified. The PBKDF2 vectors were computed once with
 * Python's {@code hashlib.pbkdf2_hmac('sha256', password.encode(), salt.encode(),
 * iterations)}, the primitive Django's {@code PBKDF2PasswordHasher} uses, and base64 as
 * Django stores it; the {@code lètmein}/{@code seasalt} one is the value Django's own
 * hasher tests expect.
 */
class DjangoPasswordEncoderTests {

	// Django 3.2's test suite: make_password("lètmein", "seasalt", "pbkdf2_sha256")
	private static final String DJANGO_EXAMPLE = "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";

	private static final String ASCII = "pbkdf2_sha256$1000$seasalt1234567890abcde$pySYxuTJZNJ2hlMU29Q9/Hfo04Rpidi1nPcPsfcUsKw=";

	// non-ASCII password: both sides encode it as UTF-8
	private static final String UNICODE = "pbkdf2_sha256$1200$NaCl0123456789abcdefgh$wTDmOLWWu/WXlVgh6LO2TjZIsV09OuRKobSA3jOvfzU=";

	// hashlib.sha256(b"correct horse battery staple").hexdigest()
	private static final String SHA256_HEX = "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a";

	private final DjangoPasswordEncoder encoder = new DjangoPasswordEncoder();

	@Test
	void matchesWhenDjangosOwnExampleThenOnlyItsPassword() {
		assertThat(this.encoder.matches("lètmein", DJANGO_EXAMPLE)).isTrue();
		assertThat(this.encoder.matches("lètmeinz", DJANGO_EXAMPLE)).isFalse();
		assertThat(this.encoder.matches("letmein", DJANGO_EXAMPLE)).isFalse();
	}

	@Test
	void matchesWhenPythonVectorsThenOnlyTheirPasswords() {
		assertThat(this.encoder.matches("correct horse battery staple", ASCII)).isTrue();
		assertThat(this.encoder.matches("correct horse battery staplE", ASCII)).isFalse();
		assertThat(this.encoder.matches("pässwörd €", UNICODE)).isTrue();
		assertThat(this.encoder.matches("passwörd €", UNICODE)).isFalse();
	}

	@Test
	void matchesWhenHashWrittenWithTheJdksPbkdf2InDjangosFormatThenMatches() throws Exception {
		String salt = "J9hQw2mXr7TzV1bKp4LcNd";
		PBEKeySpec spec = new PBEKeySpec("s3cret-passphrase".toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 4321,
				256);
		byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		String encoded = "pbkdf2_sha256$4321$" + salt + "$" + Base64.getEncoder().encodeToString(key);
		assertThat(this.encoder.matches("s3cret-passphrase", encoded)).isTrue();
		assertThat(this.encoder.matches("s3cret-passphrase", encoded.replace("$4321$", "$4322$"))).isFalse();
		assertThat(this.encoder.matches("s3cret-passphrase", encoded.replace(salt, salt + "x"))).isFalse();
	}

	@Test
	void matchesWhenMalformedOrUnknownThenFalseWithoutThrowing() {
		assertThat(this.encoder.matches("lètmein",
				"pbkdf2_sha256$abc$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo="))
			.isFalse();
		assertThat(this.encoder.matches("lètmein", "pbkdf2_sha256$260000$seasalt$not base64!")).isFalse();
		// a truncated derived key would be weaker than what Django writes
		assertThat(this.encoder.matches("lètmein", "pbkdf2_sha256$260000$seasalt$YlZ2Vg==")).isFalse();
		assertThat(this.encoder.matches("lètmein", "pbkdf2_sha256$260000$seasalt")).isFalse();
		assertThat(
				this.encoder.matches("lètmein", "pbkdf2_sha256$0$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo="))
			.isFalse();
		// Django's unusable password, and hashers that are not supported
		assertThat(this.encoder.matches("lètmein", "!Jp6zv9dHkRx2sAqWfE3yLcBnT8uGmK4hVoNiP1X")).isFalse();
		assertThat(this.encoder.matches("lètmein", "md5$seasalt$f5531bef9f3687d0ccf0f617f0e25573")).isFalse();
		assertThat(this.encoder.matches("lètmein", "")).isFalse();
	}

	@Test
	void matchesWhenBcryptSha256ThenBcryptOfTheHexSha256() {
		String encoded = "bcrypt_sha256$" + BCrypt.hashpw(SHA256_HEX, BCrypt.gensalt("$2b", 4));
		assertThat(this.encoder.matches("correct horse battery staple", encoded)).isTrue();
		assertThat(this.encoder.matches(SHA256_HEX, encoded)).isFalse();
		assertThat(this.encoder.matches("correct horse battery stapler", encoded)).isFalse();
	}

	@Test
	void matchesWhenPlainBcryptThenThePassword() {
		String encoded = "bcrypt$" + BCrypt.hashpw("correct horse battery staple", BCrypt.gensalt("$2b", 4));
		assertThat(this.encoder.matches("correct horse battery staple", encoded)).isTrue();
		assertThat(this.encoder.matches("correct horse battery stapler", encoded)).isFalse();
		assertThat(DjangoPasswordEncoder.isDjangoBcrypt(encoded)).isTrue();
	}

	// BouncyCastle is on the test classpath. Django writes "argon2" + argon2-cffi's PHC
	// string; the PHC string is produced here by BouncyCastle through Spring.
	@Test
	void matchesWhenArgon2AndBouncyCastlePresentThenThePassword() {
		String phc = new Argon2PasswordEncoder(16, 32, 1, 1 << 10, 2).encode("correct horse battery staple");
		assertThat(phc).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
		String encoded = "argon2" + phc;
		assertThat(this.encoder.matches("correct horse battery staple", encoded)).isTrue();
		assertThat(this.encoder.matches("correct horse battery stapler", encoded)).isFalse();
	}

	@Test
	void encodeWhenCalledThenRefusesAndEveryHashIsUpgraded() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.encoder.encode("x"));
		assertThat(this.encoder.upgradeEncoding(DJANGO_EXAMPLE)).isTrue();
	}

	@Test
	void defaultEncoderWhenDjangoHashThenMatchesAndAsksForAnUpgrade() {
		PasswordEncoder delegating = new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder();
		assertThat(delegating.matches("lètmein", DJANGO_EXAMPLE)).isTrue();
		assertThat(delegating.matches("wrong", DJANGO_EXAMPLE)).isFalse();
		assertThat(delegating.upgradeEncoding(DJANGO_EXAMPLE)).isTrue();
		String fresh = delegating.encode("lètmein");
		assertThat(fresh).startsWith("{bcrypt}");
		assertThat(delegating.upgradeEncoding(fresh)).isFalse();
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("lètmein", fresh)).isTrue();
	}

}
