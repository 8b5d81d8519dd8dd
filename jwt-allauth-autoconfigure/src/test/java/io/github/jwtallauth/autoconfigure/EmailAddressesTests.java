package io.github.jwtallauth.autoconfigure;

import java.util.stream.Stream;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmailAddresses}: only plain {@code local@domain} addresses are
 * accepted, and each has one canonical form.
 */
class EmailAddressesTests {

	@ParameterizedTest
	@ValueSource(strings = { "<", ">", "(", ")", "[", "]", ",", ";", ":", "\"", "\\" })
	void parseWhenSpecialCharacterInLocalPartThenEmpty(String special) {
		assertThat(EmailAddresses.parse("ada" + special + "lovelace@example.com")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "<", ">", "(", ")", "[", "]", ",", ";", ":", "\"", "\\" })
	void parseWhenSpecialCharacterInDomainThenEmpty(String special) {
		assertThat(EmailAddresses.parse("ada@exam" + special + "ple.com")).isEmpty();
	}

	static Stream<Arguments> notPlainAddresses() {
		return Stream.of(Arguments.of("display name without a space", "victim-bank.com<me@evil.io>"),
				Arguments.of("display name", "Victim Bank <me@evil.io>"),
				Arguments.of("angle brackets only", "<me@evil.io>"),
				Arguments.of("trailing comment", "me@evil.io (victim-bank.com)"),
				Arguments.of("leading comment", "(victim-bank.com)me@evil.io"),
				Arguments.of("quoted local part", "\"me\"@evil.io"),
				Arguments.of("two addresses", "me@evil.io,victim@bank.com"),
				Arguments.of("group syntax", "victims:me@evil.io;"), Arguments.of("address literal", "me@[192.0.2.1]"),
				Arguments.of("two @", "me@victim@evil.io"), Arguments.of("no @", "evil.io"),
				Arguments.of("empty local part", "@evil.io"), Arguments.of("empty domain", "me@"),
				Arguments.of("no dot in the domain", "me@localhost"),
				Arguments.of("domain starts with a dot", "me@.evil.io"),
				Arguments.of("domain ends with a dot", "me@evil.io."),
				Arguments.of("two dots in the local part", "me..you@evil.io"), Arguments.of("empty", ""),
				Arguments.of("blank", "   "));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("notPlainAddresses")
	void parseWhenNotAPlainAddressThenEmpty(String description, String address) {
		assertThat(EmailAddresses.parse(address)).isEmpty();
	}

	static Stream<Arguments> invisibleOrControlCharacters() {
		return Stream.of(Arguments.of("space", " "), Arguments.of("no-break space U+00A0", "\u00a0"),
				Arguments.of("narrow no-break space U+202F", "\u202f"),
				Arguments.of("ideographic space U+3000", "\u3000"), Arguments.of("line separator U+2028", "\u2028"),
				Arguments.of("zero-width space U+200B", "\u200b"), Arguments.of("zero-width joiner U+200D", "\u200d"),
				Arguments.of("soft hyphen U+00AD", "\u00ad"), Arguments.of("byte order mark U+FEFF", "\ufeff"),
				Arguments.of("right-to-left override U+202E", "\u202e"), Arguments.of("NUL", "\u0000"),
				Arguments.of("tab", "\t"), Arguments.of("line feed", "\n"), Arguments.of("DEL", "\u007f"),
				Arguments.of("next line U+0085", "\u0085"), Arguments.of("lone high surrogate", "\ud800"),
				Arguments.of("lone low surrogate", "\udc00"),
				Arguments.of("surrogates in the wrong order", "\udc00\ud800"));
	}

	@ParameterizedTest(name = "{0} inside")
	@MethodSource("invisibleOrControlCharacters")
	void parseWhenInvisibleOrControlCharacterInsideThenEmpty(String description, String character) {
		assertThat(EmailAddresses.parse("ada" + character + "lovelace@example.com")).isEmpty();
		assertThat(EmailAddresses.parse("ada@exam" + character + "ple.com")).isEmpty();
	}

	@ParameterizedTest(name = "{0} around")
	@MethodSource("invisibleOrControlCharacters")
	void parseWhenNonAsciiSpaceFormatOrSurrogateAroundThenEmpty(String description, String character) {
		// only the ASCII whitespace a form adds is trimmed; anything else around the
		// address is refused
		if (" \t\n".contains(character)) {
			return;
		}
		assertThat(EmailAddresses.parse(character + "ada@example.com")).isEmpty();
		assertThat(EmailAddresses.parse("ada@example.com" + character)).isEmpty();
	}

	@Test
	void parseWhenNormalisationWouldCreateAForbiddenCharacterThenEmpty() {
		// U+037E GREEK QUESTION MARK is canonically a semicolon
		assertThat(EmailAddresses.parse("ada\u037elovelace@example.com")).isEmpty();
		// '<' followed by U+0338 composes into U+226E; the raw '<' is what counts
		assertThat(EmailAddresses.parse("ada<\u0338lovelace@example.com")).isEmpty();
	}

	@Test
	void parseWhenACharacterDecomposesIntoAForbiddenOneThenEmptyInEverySpelling() {
		// U+226E NOT LESS-THAN is '<' and U+0338 decomposed: refused composed too, or the
		// same address would be accepted in one spelling and refused in the other
		assertThat(EmailAddresses.parse("ada\u226elovelace@example.com")).isEmpty();
		assertThat(EmailAddresses.parse("ada<\u0338lovelace@example.com")).isEmpty();
	}

	@Test
	void parseWhenLocalPartOver64OctetsThenEmpty() {
		assertThat(EmailAddresses.parse("a".repeat(64) + "@example.com")).isPresent();
		assertThat(EmailAddresses.parse("a".repeat(65) + "@example.com")).isEmpty();
		// 32 and 33 two-octet characters: UTF-8 octets count, not characters
		assertThat(EmailAddresses.parse("é".repeat(32) + "@example.com")).isPresent();
		assertThat(EmailAddresses.parse("é".repeat(33) + "@example.com")).isEmpty();
	}

	@Test
	void parseWhenAddressOver254OctetsThenEmpty() {
		String local = "a".repeat(64);
		// 64 + 1 + 189 = 254 octets
		String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
		assertThat((local + "@" + domain).length()).isEqualTo(254);
		assertThat(EmailAddresses.parse(local + "@" + domain)).isPresent();
		assertThat(EmailAddresses.parse(local + "@e" + domain)).isEmpty();
		assertThat(EmailAddresses.parse(local + "@" + domain.replace('d', 'é'))).isEmpty();
	}

	static Stream<Arguments> acceptedAddresses() {
		return Stream.of(Arguments.of("ada@example.com", "ada@example.com"),
				Arguments.of("Ada.Lovelace+Tag@Example.COM", "ada.lovelace+tag@example.com"),
				Arguments.of(" \t ada@example.com \r\n", "ada@example.com"),
				Arguments.of("a!#$%&'*+/=?^_`{|}~-@example.com", "a!#$%&'*+/=?^_`{|}~-@example.com"),
				Arguments.of("josé@exämple.com", "josé@exämple.com"),
				Arguments.of("jose\u0301@exa\u0308mple.com", "jos\u00e9@ex\u00e4mple.com"),
				Arguments.of("JOSÉ@EXÄMPLE.COM", "josé@exämple.com"), Arguments.of("用户@例子.广告", "用户@例子.广告"),
				Arguments.of("\u212aelvin@example.com", "kelvin@example.com"),
				Arguments.of("user-\ud83d\ude00@example.com", "user-\ud83d\ude00@example.com"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedAddresses")
	void parseWhenPlainAddressThenCanonicalForm(String address, String expected) {
		assertThat(EmailAddresses.parse(address)).hasValue(expected);
	}

	@Test
	void parseWhenDecomposedAccentThenSameAsPrecomposed() {
		assertThat(EmailAddresses.parse("jose\u0301@example.com"))
			.isEqualTo(EmailAddresses.parse("jos\u00e9@example.com"))
			.hasValue("jos\u00e9@example.com");
	}

	@Test
	void parseWhenUpperCaseThenFolded() {
		assertThat(EmailAddresses.parse("ADA@EXAMPLE.COM")).hasValue("ada@example.com");
		assertThat(EmailAddresses.parse("ÉLODIE@EXAMPLE.COM")).hasValue("élodie@example.com");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedAddresses")
	void parseWhenAcceptedThenRoundTripsThroughInternetAddressAndIsStable(String address, String expected)
			throws AddressException {
		String parsed = EmailAddresses.parse(address).orElseThrow();
		InternetAddress internet = new InternetAddress(parsed, true);
		assertThat(internet.getAddress()).isEqualTo(parsed);
		assertThat(internet.getPersonal()).isNull();
		assertThat(EmailAddresses.parse(parsed)).hasValue(parsed);
	}

	@Test
	void parseWhenNullThenEmpty() {
		assertThat(EmailAddresses.parse(null)).isEmpty();
	}

}
