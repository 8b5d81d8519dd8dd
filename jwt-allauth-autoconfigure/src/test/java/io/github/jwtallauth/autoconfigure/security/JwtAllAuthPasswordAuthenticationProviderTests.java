package io.github.jwtallauth.autoconfigure.security;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.transaction.CannotCreateTransactionException;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What the provider makes of a login it cannot decide: an outage of the database or of
 * the rate-limit store is {@code unavailable}, never bad credentials; a wrong password is
 * bad credentials; anything else is left alone.
 */
class JwtAllAuthPasswordAuthenticationProviderTests {

	private final AccountService accounts = mock(AccountService.class);

	private final PasswordAuthenticator authenticator = new PasswordAuthenticator(this.accounts,
			PasswordEncoderFactories.createDelegatingPasswordEncoder());

	@Test
	void authenticateWhenTheRateLimitStoreCannotBeReachedThenUnavailable() {
		LoginThrottle throttle = mock(LoginThrottle.class);
		given(throttle.check(anyString(), any(), any())).willThrow(new JwtAllAuthException(ErrorCode.UNAVAILABLE));
		assertUnavailable(provider(throttle));
	}

	@Test
	void authenticateWhenTheDatabaseCannotBeReachedThenUnavailable() {
		given(this.accounts.findByEmail(anyString()))
			.willThrow(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction"));
		assertUnavailable(provider(null));
	}

	@Test
	void authenticateWhenTheSecondFactorCannotBeLookedUpThenUnavailable() {
		LoginThrottle throttle = mock(LoginThrottle.class);
		given(throttle.check(anyString(), any(), any())).willReturn(mock(UserAccount.class));
		MfaService mfa = mock(MfaService.class);
		given(mfa.requiresSecondFactor(any()))
			.willThrow(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction"));
		assertUnavailable(new JwtAllAuthPasswordAuthenticationProvider(this.authenticator,
				JwtAllAuthRoles.of(JwtAllAuthProperties.DEFAULT_ROLES), throttle, null, mfa));
	}

	@Test
	void authenticateWhenThePasswordIsWrongThenBadCredentials() {
		given(this.accounts.findByEmail(anyString())).willReturn(Optional.empty());
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> provider(null).authenticate(login()));
	}

	@Test
	void authenticateWhenTheFailureIsABugThenLeftAlone() {
		given(this.accounts.findByEmail(anyString())).willThrow(new IllegalStateException("a bug"));
		assertThatIllegalStateException().isThrownBy(() -> provider(null).authenticate(login())).withMessage("a bug");
	}

	private JwtAllAuthPasswordAuthenticationProvider provider(LoginThrottle throttle) {
		return new JwtAllAuthPasswordAuthenticationProvider(this.authenticator,
				JwtAllAuthRoles.of(JwtAllAuthProperties.DEFAULT_ROLES), throttle, null, null);
	}

	private static UsernamePasswordAuthenticationToken login() {
		return UsernamePasswordAuthenticationToken.unauthenticated("someone@example.com", "a password");
	}

	private static void assertUnavailable(JwtAllAuthPasswordAuthenticationProvider provider) {
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(() -> provider.authenticate(login()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
	}

}
