package io.github.jwtallauth.autoconfigure.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NewAccount}: whoever builds an account, its address reaches the store
 * parsed.
 */
class NewAccountTests {

	@Test
	void newAccountWhenAddressAsTypedThenParsedForm() {
		NewAccount account = new NewAccount(" JOSE\u0301@Example.COM\n", null, "", "", 0, true, false);
		assertThat(account.email()).isEqualTo("jos\u00e9@example.com");
	}

	@Test
	void newAccountWhenAddressNotPlainThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NewAccount("victim-bank.com<me@evil.io>", null, "", "", 0, true, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NewAccount("ada@example.com\u00a0", null, "", "", 0, true, false));
	}

}
