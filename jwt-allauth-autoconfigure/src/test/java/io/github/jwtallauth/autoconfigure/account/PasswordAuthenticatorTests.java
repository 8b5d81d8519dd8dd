package io.github.jwtallauth.autoconfigure.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Passwords are compared exactly as sent: against a bcrypt hash, which reads only 72
 * bytes, a longer password matches nothing; other encoders read the whole password and
 * keep working with it.
 */
class PasswordAuthenticatorTests {

	private static final String SEVENTY_TWO = "p".repeat(72);

	// Django's own example: make_password("lètmein", "seasalt", "pbkdf2_sha256")
	private static final String DJANGO_HASH = "pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo=";

	@Test
	void isCurrentPasswordWhenBcryptAndLongerThan72BytesThenNeverMatches() {
		PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		UserAccount user = user(bcrypt.encode(SEVENTY_TWO));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(mock(AccountService.class), bcrypt);
		assertThat(authenticator.isCurrentPassword(user, SEVENTY_TWO)).isTrue();
		assertThat(authenticator.isCurrentPassword(user, SEVENTY_TWO + "x")).isFalse();
	}

	@Test
	void isCurrentPasswordWhenAnotherEncoderThenALongPassphraseStillMatches() {
		PasswordEncoder pbkdf2 = Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		String passphrase = "correct horse battery staple ".repeat(4);
		UserAccount user = user(pbkdf2.encode(passphrase));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(mock(AccountService.class), pbkdf2);
		assertThat(authenticator.isCurrentPassword(user, passphrase)).isTrue();
		assertThat(authenticator.isCurrentPassword(user, passphrase + "x")).isFalse();
	}

	@Test
	void authenticateWhenBcryptAndLongerThan72BytesThenIncorrectCredentials() {
		PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		UserAccount user = user(bcrypt.encode(SEVENTY_TWO));
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(accounts, bcrypt);
		assertThat(authenticator.authenticate("ada@example.com", SEVENTY_TWO)).isSameAs(user);
		Assertions.assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> authenticator.authenticate("ada@example.com", SEVENTY_TWO + "suffix"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo("incorrect_credentials"));
	}

	@Test
	void authenticateWhenDjangoHashThenUpgradedToTheEncodersHash() {
		PasswordEncoder encoder = new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder();
		UserAccount user = user(DJANGO_HASH);
		given(user.getId()).willReturn("7");
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(accounts, encoder);
		assertThat(authenticator.authenticate("ada@example.com", "lètmein")).isSameAs(user);
		ArgumentCaptor<String> upgraded = ArgumentCaptor.forClass(String.class);
		verify(accounts).upgradePassword(eq("7"), eq(DJANGO_HASH), upgraded.capture());
		assertThat(upgraded.getValue()).startsWith("{bcrypt}$2a$");
		assertThat(encoder.matches("lètmein", upgraded.getValue())).isTrue();
	}

	@Test
	void authenticateWhenDjangoHashAndWrongPasswordThenNothingWritten() {
		PasswordEncoder encoder = new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder();
		UserAccount user = user(DJANGO_HASH);
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(accounts, encoder);
		Assertions.assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> authenticator.authenticate("ada@example.com", "letmein"));
		verify(accounts, never()).upgradePassword(anyString(), anyString(), anyString());
		verify(accounts, never()).updatePassword(anyString(), anyString());
	}

	@Test
	void authenticateWhenCurrentBcryptHashThenNothingWritten() {
		PasswordEncoder encoder = new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder();
		UserAccount user = user(encoder.encode("lètmein"));
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		new PasswordAuthenticator(accounts, encoder).authenticate("ada@example.com", "lètmein");
		verify(accounts, never()).upgradePassword(anyString(), anyString(), anyString());
	}

	// bcrypt cannot take it whole: the Django hash, which reads all of it, stays
	@Test
	void authenticateWhenDjangoHashAndPasswordLongerThan72BytesThenLogsInAndKeepsTheHash() throws Exception {
		String passphrase = "correct horse battery staple ".repeat(3);
		String salt = "J9hQw2mXr7TzV1bKp4LcNd";
		byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
			.generateSecret(new PBEKeySpec(passphrase.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1000, 256))
			.getEncoded();
		UserAccount user = user("pbkdf2_sha256$1000$" + salt + "$" + Base64.getEncoder().encodeToString(key));
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(accounts,
				new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder());
		assertThat(authenticator.authenticate("ada@example.com", passphrase)).isSameAs(user);
		verify(accounts, never()).upgradePassword(anyString(), anyString(), anyString());
	}

	@Test
	void authenticateWhenDjangoPlainBcryptAndLongerThan72BytesThenIncorrectCredentials() {
		UserAccount user = user("bcrypt$" + BCrypt.hashpw(SEVENTY_TWO, BCrypt.gensalt("$2b", 4)));
		AccountService accounts = mock(AccountService.class);
		given(accounts.findByEmail("ada@example.com")).willReturn(Optional.of(user));
		PasswordAuthenticator authenticator = new PasswordAuthenticator(accounts,
				new JwtAllAuthAccountAutoConfiguration().jwtAllAuthPasswordEncoder());
		Assertions.assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> authenticator.authenticate("ada@example.com", SEVENTY_TWO + "suffix"));
		assertThat(authenticator.authenticate("ada@example.com", SEVENTY_TWO)).isSameAs(user);
	}

	// the default of AccountService: a hash changed since the login read it is kept
	@Test
	void upgradePasswordWhenHashChangedMeanwhileThenKept() {
		AccountService accounts = mock(AccountService.class, CALLS_REAL_METHODS);
		UserAccount user = user("{bcrypt}changed");
		willReturn(Optional.of(user)).given(accounts).findById("7");
		willReturn(true).given(accounts).updatePassword(anyString(), anyString());
		assertThat(accounts.upgradePassword("7", DJANGO_HASH, "{bcrypt}new")).isFalse();
		verify(accounts, never()).updatePassword(anyString(), anyString());
		assertThat(accounts.upgradePassword("7", "{bcrypt}changed", "{bcrypt}new")).isTrue();
		verify(accounts).updatePassword("7", "{bcrypt}new");
	}

	private static UserAccount user(String hash) {
		UserAccount user = mock(UserAccount.class);
		given(user.getPassword()).willReturn(hash);
		given(user.isActive()).willReturn(true);
		given(user.isEmailVerified()).willReturn(true);
		given(user.getEmail()).willReturn("ada@example.com");
		return user;
	}

}
