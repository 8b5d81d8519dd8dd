package io.github.jwtallauth.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Settings that are wrong on their own fail when they are bound, naming the property, so
 * that Boot's failure analysis reports them before any bean is created.
 */
class JwtAllAuthPropertiesTests {

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	@Test
	void userAttributeWhenNamedAsAReservedClaimThenBindingFailsNamingIt() {
		for (String reserved : List.of("role", "sub", "token_type", "sid", "email_verified", "session")) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> bind(Map.of("jwtallauth.user-attributes." + reserved, "firstName")))
				.havingRootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
					.isEqualTo("jwtallauth.user-attributes." + reserved));
		}
	}

	@Test
	void userAttributeWhenItReadsAPasswordThenBindingFails() {
		for (String path : List.of("password", "passwordHash", "account.Password")) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> bind(Map.of("jwtallauth.user-attributes.secret", path)))
				.havingRootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.withMessageContaining("jwtallauth.user-attributes.secret");
		}
	}

	@Test
	void userAttributesWhenOrdinaryThenBound() {
		assertThat(bind(Map.of("jwtallauth.user-attributes.name", "firstName")).userAttributes()).containsEntry("name",
				"firstName");
	}

	@Test
	void mfaEncryptionKeyWhenNot32BytesOfBase64ThenBindingFailsWithoutEchoingIt() {
		for (String key : List.of("c2hvcnQ=", "not base64 at all!", KEY + "AAAA")) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> bind(Map.of("jwtallauth.mfa.encryption-key", key)))
				.havingRootCause()
				.isInstanceOf(InvalidSecretPropertyException.class)
				.withMessageContaining("jwtallauth.mfa.encryption-key")
				.withMessageNotContaining(key);
		}
		assertThat(bind(Map.of("jwtallauth.mfa.encryption-key", KEY)).mfa().encryptionKey()).isEqualTo(KEY);
	}

	@Test
	void issuerWhenUnsetThenThePublicBaseUrlOrElseJwtAllauth() {
		assertThat(bind(Map.of()).jwt().issuer()).isEqualTo("jwt-allauth");
		assertThat(bind(Map.of("jwtallauth.public-base-url", "https://example.com/app/")).jwt().issuer())
			.isEqualTo("https://example.com/app");
		assertThat(bind(Map.of("jwtallauth.public-base-url", "https://example.com", "jwtallauth.jwt.issuer",
				"https://id.example.com"))
			.jwt()
			.issuer()).isEqualTo("https://id.example.com");
		assertThat(bind(
				Map.of("jwtallauth.public-base-url", "https://example.com", "jwtallauth.jwt.issuer", "jwt-allauth"))
			.jwt()
			.issuer()).isEqualTo("jwt-allauth");
	}

	@Test
	void rolesClaimWhenReservedOrMalformedThenBindingFailsNamingIt() {
		for (String name : List.of("role", "sub", "two words", "")) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> bind(Map.of("jwtallauth.jwt.roles-claim", name)))
				.havingRootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
					.isEqualTo("jwtallauth.jwt.roles-claim"));
		}
		assertThat(bind(Map.of("jwtallauth.jwt.roles-claim", "groups")).jwt().rolesClaim()).isEqualTo("groups");
		assertThat(bind(Map.of()).jwt().rolesClaim()).isEqualTo("roles");
	}

	@Test
	void userAttributeWhenNamedAsTheRolesClaimThenBindingFailsNamingIt() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("jwtallauth.user-attributes.roles", "firstName")))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.satisfies((ex) -> assertThat(((InvalidConfigurationPropertyValueException) ex).getName())
				.isEqualTo("jwtallauth.user-attributes.roles"));
		assertThat(bind(Map.of("jwtallauth.user-attributes.roles", "firstName", "jwtallauth.jwt.roles-claim", "groups"))
			.userAttributes()).containsKey("roles");
	}

	private static JwtAllAuthProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("jwtallauth",
				JwtAllAuthProperties.class);
	}

}
