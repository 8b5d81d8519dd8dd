package io.github.jwtallauth.autoconfigure.account;

import java.util.Optional;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Passwords are compared exactly as sent: against a bcrypt hash, which reads only 72
 * bytes, a longer password matches nothing; other encoders read the whole password and
 * keep working with it.
 */
class PasswordAuthenticatorTests {

	private static final String SEVENTY_TWO = "p".repeat(72);

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

	private static UserAccount user(String hash) {
		UserAccount user = mock(UserAccount.class);
		given(user.getPassword()).willReturn(hash);
		given(user.isActive()).willReturn(true);
		given(user.isEmailVerified()).willReturn(true);
		given(user.getEmail()).willReturn("ada@example.com");
		return user;
	}

}
