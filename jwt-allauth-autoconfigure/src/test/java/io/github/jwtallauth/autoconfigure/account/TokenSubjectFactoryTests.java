package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.jwtallauth.autoconfigure.account.TokenCustomizationContext.TokenType;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link TokenSubjectFactory} runs the token customizers: what their context says, in
 * which order they run, which claims survive, and that the deprecated
 * {@link TokenClaimsCustomizer} still works through the new interface.
 */
class TokenSubjectFactoryTests {

	static final SessionTokenClaims SESSION = new SessionTokenClaims("session-1", Instant.ofEpochSecond(1_700_000_000),
			Instant.MAX);

	static final UserAccount USER = new Account("7", "Ada");

	@Test
	void createWhenCustomizerDeclaredThenContextTellsAccessTokenUserAndSession() {
		List<TokenCustomizationContext> seen = new ArrayList<>();
		TokenSubjectFactory factory = new TokenSubjectFactory(Map.of("name", "firstName"), List.of((context) -> {
			seen.add(context);
			context.claims().put("tenant", "acme-" + context.user().getId());
		}));
		TokenSubject subject = factory.create(USER, SESSION);
		assertThat(seen).singleElement().satisfies((context) -> {
			assertThat(context.tokenType()).isEqualTo(TokenType.ACCESS);
			assertThat(context.user()).isSameAs(USER);
			assertThat(context.sessionId()).isEqualTo("session-1");
			assertThat(context.sessionIssuedAt()).isEqualTo(SESSION.sessionIssuedAt());
		});
		assertThat(subject.attributes()).containsExactly(Map.entry("name", "Ada"), Map.entry("tenant", "acme-7"));
		assertThat(subject.userId()).isEqualTo("7");
	}

	@Test
	void createWhenCustomizerAddsReservedNamesThenIgnored() {
		TokenSubjectFactory factory = new TokenSubjectFactory(Map.of(), List.of((context) -> {
			context.claims().put("sid", "forged");
			context.claims().put("role", 1000);
			context.claims().put("token_type", "refresh");
			context.claims().put("plan", "gold");
		}));
		TokenSubject subject = factory.create(USER, SESSION);
		assertThat(subject.attributes()).containsExactly(Map.entry("plan", "gold"));
		assertThat(subject.role()).isZero();
	}

	@Test
	void createWhenSeveralCustomizersThenRunInListOrderOnTheSameClaims() {
		JwtAllAuthTokenCustomizer first = (context) -> context.claims().put("trail", "first");
		JwtAllAuthTokenCustomizer second = (context) -> context.claims().merge("trail", ",second", this::concat);
		TokenSubjectFactory factory = new TokenSubjectFactory(Map.of(), List.of(first, second));
		assertThat(factory.create(USER, SESSION).attributes()).containsEntry("trail", "first,second");
	}

	@Test
	void createWhenCustomizerRemovesAConfiguredAttributeThenAbsent() {
		TokenSubjectFactory factory = new TokenSubjectFactory(Map.of("name", "firstName"),
				List.of((context) -> context.claims().remove("name")));
		assertThat(factory.create(USER, SESSION).attributes()).isEmpty();
	}

	@Test
	@SuppressWarnings("removal")
	void createWhenDeprecatedClaimsCustomizerDeclaredThenAdaptedAndRunInOrder() {
		TokenClaimsCustomizer legacy = (user, claims) -> claims.merge("trail", ",legacy-" + user.getId(), this::concat);
		JwtAllAuthTokenCustomizer first = (context) -> context.claims().put("trail", "first");
		TokenSubjectFactory factory = new TokenSubjectFactory(Map.of(), List.of(first, legacy));
		assertThat(factory.create(USER, SESSION).attributes()).containsEntry("trail", "first,legacy-7");
		// the old constructor argument type still compiles
		List<TokenClaimsCustomizer> legacyOnly = List.of(legacy);
		assertThat(new TokenSubjectFactory(Map.of(), legacyOnly).create(USER, SESSION).attributes())
			.containsEntry("trail", ",legacy-7");
	}

	private Object concat(Object before, Object added) {
		return before + String.valueOf(added);
	}

	record Account(String getId, String getFirstName) implements UserAccount {

		@Override
		public String getEmail() {
			return "ada@example.com";
		}

		@Override
		public @Nullable String getPassword() {
			return null;
		}

		@Override
		public String getLastName() {
			return "Lovelace";
		}

		@Override
		public int getRole() {
			return 0;
		}

		@Override
		public boolean isActive() {
			return true;
		}

		@Override
		public boolean isEmailVerified() {
			return true;
		}

	}

}
