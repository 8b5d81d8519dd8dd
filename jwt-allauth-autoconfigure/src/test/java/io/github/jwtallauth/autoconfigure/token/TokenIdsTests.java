package io.github.jwtallauth.autoconfigure.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdsTests {

	@Test
	void newTokenIdWhenCalledThen128BitsAsLowerCaseHex() {
		assertThat(TokenIds.newTokenId()).matches("[0-9a-f]{32}");
	}

	@Test
	void newTokenIdWhenCalledTwiceThenDifferentIds() {
		assertThat(TokenIds.newTokenId()).isNotEqualTo(TokenIds.newTokenId());
	}

}
