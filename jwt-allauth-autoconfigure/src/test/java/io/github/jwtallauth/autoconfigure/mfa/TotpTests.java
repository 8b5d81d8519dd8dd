package io.github.jwtallauth.autoconfigure.mfa;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import io.github.jwtallauth.autoconfigure.test.Rfc6238;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * TOTP against RFC 6238's test vectors and against codes computed by an independent
 * implementation, at the edges of the accepted window; the cipher of stored secrets; the
 * QR code.
 */
class TotpTests {

	// RFC 6238 appendix B: the ASCII seed "12345678901234567890" for HMAC-SHA1
	static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	final GoogleAuthTotpService totp = new GoogleAuthTotpService();

	@Test
	void matchingStepWhenRfc6238VectorsThenAccepted() {
		// the RFC lists 8-digit codes; 6-digit codes are the same number modulo 10^6
		Object[][] vectors = { { 59L, "94287082" }, { 1111111109L, "07081804" }, { 1111111111L, "14050471" },
				{ 1234567890L, "89005924" }, { 2000000000L, "69279037" }, { 20000000000L, "65353130" } };
		for (Object[] vector : vectors) {
			long seconds = (long) vector[0];
			String eightDigits = (String) vector[1];
			assertThat(Rfc6238.code(RFC_SECRET, Instant.ofEpochSecond(seconds), 8)).isEqualTo(eightDigits);
			String code = eightDigits.substring(2);
			assertThat(this.totp.matchingStep(RFC_SECRET, code, Instant.ofEpochSecond(seconds))).hasValue(seconds / 30);
		}
	}

	@Test
	void matchingStepWhenOneStepEitherSideThenAcceptedAndNotBeyond() {
		String secret = this.totp.newSecret();
		assertThat(Rfc6238.base32(secret)).hasSize(20);
		Instant now = Instant.parse("2026-11-25T12:00:10Z");
		long step = now.getEpochSecond() / 30;
		for (long offset = -1; offset <= 1; offset++) {
			String code = Rfc6238.codeAtStep(secret, step + offset, 6);
			assertThat(this.totp.matchingStep(secret, code, now)).as("offset %d", offset).hasValue(step + offset);
		}
		for (long offset : new long[] { -2, 2, 3 }) {
			String code = Rfc6238.codeAtStep(secret, step + offset, 6);
			// a neighbouring step may, rarely, share the code; only then may it match
			if (!code.equals(Rfc6238.codeAtStep(secret, step - 1, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step + 1, 6))) {
				assertThat(this.totp.matchingStep(secret, code, now)).as("offset %d", offset).isEmpty();
			}
		}
		// the last second of a step and the first of the next
		Instant lastSecond = Instant.ofEpochSecond(step * 30 + 29);
		Instant nextStep = Instant.ofEpochSecond(step * 30 + 30);
		String current = Rfc6238.codeAtStep(secret, step, 6);
		assertThat(this.totp.matchingStep(secret, current, lastSecond)).hasValue(step);
		assertThat(this.totp.matchingStep(secret, current, nextStep)).hasValue(step);
	}

	@Test
	void matchingStepWhenMalformedThenEmpty() {
		for (String code : new String[] { "", "12345", "1234567", "abcdef", "12 34 5", "１２３４５６" }) {
			assertThat(this.totp.matchingStep(RFC_SECRET, code, Instant.ofEpochSecond(59))).as(code).isEmpty();
		}
		assertThat(this.totp.matchingStep(RFC_SECRET, " 287 082 ", Instant.ofEpochSecond(59))).hasValue(1);
	}

	@Test
	void provisioningUriWhenBuiltThenAppsReadIt() {
		String uri = this.totp.provisioningUri("ABCDEF", "ada+mfa@example.com", "JWT Allauth");
		assertThat(uri).isEqualTo("otpauth://totp/JWT%20Allauth:ada%2Bmfa%40example.com?secret=ABCDEF"
				+ "&issuer=JWT%20Allauth&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void qrCodeWhenRenderedThenAStandaloneSvgDocument() throws Exception {
		String svg = QrCodes.svg("otpauth://totp/x:y?secret=ABCDEF&issuer=x");
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(1);
	}

	@Test
	void cipherWhenSecretStoredThenOnlyItsUserAndKeyOpenIt() {
		SecretCipher cipher = new SecretCipher(SecretCipher.randomKey());
		String sealed = cipher.encrypt("JBSWY3DPEHPK3PXP", "42");
		assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(cipher.encrypt("JBSWY3DPEHPK3PXP", "42")).isNotEqualTo(sealed);
		assertThat(cipher.decrypt(sealed, "42")).isEqualTo("JBSWY3DPEHPK3PXP");
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(sealed, "43"));
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretCipher(SecretCipher.randomKey()).decrypt(sealed, "42"));
		assertThat(cipher.hash("42", "ABCDE12345")).hasSize(64)
			.isEqualTo(cipher.hash("42", "ABCDE12345"))
			.isNotEqualTo(cipher.hash("43", "ABCDE12345"));
	}

}
