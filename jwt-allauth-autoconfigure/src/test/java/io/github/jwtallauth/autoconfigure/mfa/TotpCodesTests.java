package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP codes against a user's stored, encrypted secret: RFC 6238's SHA-1 vectors, one
 * step either side of now, and each step good once.
 */
class TotpCodesTests {

	final MfaParts parts = new MfaParts();

	@AfterEach
	void close() {
		this.parts.close();
	}

	@Test
	void acceptWhenRfc6238VectorsThenEachAcceptedOnceInItsTime() {
		// RFC 6238 appendix B, SHA-1: 8-digit codes, of which a 6-digit code is the end
		long[] seconds = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };
		String[] codes = { "94287082", "07081804", "14050471", "89005924", "69279037", "65353130" };
		MutableClock clock = new MutableClock(Instant.EPOCH);
		TotpCodes totpCodes = new TotpCodes(this.parts.store, this.parts.totp, this.parts.cipher, clock);
		confirmed("42", TotpTests.RFC_SECRET, 0);
		for (int i = 0; i < seconds.length; i++) {
			clock.advance(Duration.between(clock.instant(), Instant.ofEpochSecond(seconds[i])));
			String code = codes[i].substring(2);
			assertThat(totpCodes.accept("42", code)).as("at %d", seconds[i]).isTrue();
			assertThat(totpCodes.accept("42", code)).as("again at %d", seconds[i]).isFalse();
			assertThat(lastStep("42")).isEqualTo(seconds[i] / 30);
		}
	}

	@Test
	void acceptWhenOneStepEitherSideThenAcceptedAndBeyondNot() {
		String secret = this.parts.totp.newSecret();
		long now = this.parts.clock.instant().getEpochSecond() / 30;
		confirmed("42", secret, now - 5);
		List<String> window = List.of(Rfc6238.codeAtStep(secret, now - 1, 6), Rfc6238.codeAtStep(secret, now, 6),
				Rfc6238.codeAtStep(secret, now + 1, 6));
		for (long step : new long[] { now - 3, now - 2, now + 2, now + 3 }) {
			String code = Rfc6238.codeAtStep(secret, step, 6);
			// a code shared with a step in the window (about once in a million) matches
			// it
			if (!window.contains(code)) {
				assertThat(this.parts.totpCodes.accept("42", code)).as("step %+d", step - now).isFalse();
			}
		}
		for (int i = 0; i < window.size(); i++) {
			assertThat(this.parts.totpCodes.accept("42", window.get(i))).as("step %+d", i - 1).isTrue();
		}
		assertThat(lastStep("42")).isEqualTo(now + 1);
	}

	@Test
	void acceptWhenAStepWasUsedThenItAndOlderOnesAreRefused() {
		String secret = this.parts.totp.newSecret();
		long now = this.parts.clock.instant().getEpochSecond() / 30;
		confirmed("42", secret, now - 5);
		String current = Rfc6238.codeAtStep(secret, now, 6);
		String previous = Rfc6238.codeAtStep(secret, now - 1, 6);
		assertThat(this.parts.totpCodes.accept("42", current)).isTrue();
		assertThat(this.parts.totpCodes.accept("42", current)).isFalse();
		if (!previous.equals(current) && !previous.equals(Rfc6238.codeAtStep(secret, now + 1, 6))) {
			// within the window, but older than the code just used
			assertThat(this.parts.totpCodes.accept("42", previous)).isFalse();
		}
		// the next step's code is good, once, when it comes
		this.parts.clock.advance(Duration.ofSeconds(30));
		String next = Rfc6238.codeAtStep(secret, now + 1, 6);
		assertThat(this.parts.totpCodes.accept("42", next)).isTrue();
		assertThat(this.parts.totpCodes.accept("42", next)).isFalse();
	}

	@Test
	void acceptWhenNotConfirmedOrNoneOrAnotherUsersThenRefused() {
		String secret = this.parts.totp.newSecret();
		String code = this.parts.code(secret);
		this.parts.store.replacePendingTotp("42", this.parts.cipher.encrypt(secret, "42"), this.parts.clock.instant());
		assertThat(this.parts.totpCodes.accept("42", code)).isFalse();
		assertThat(this.parts.totpCodes.accept("43", code)).isFalse();
		assertThat(this.parts.totpCodes.matchingStep(
				this.parts.store.authenticator("42", MfaStore.TOTP).orElseThrow().secret(), "42", code,
				this.parts.clock.instant()))
			.hasValue(this.parts.clock.instant().getEpochSecond() / 30);
	}

	@Test
	void acceptWhenTheSecretDoesNotDecryptThenRefusedWithoutFailing() {
		String secret = this.parts.totp.newSecret();
		String code = this.parts.code(secret);
		// sealed for another user: the key's authentication refuses it
		String sealedForAnother = this.parts.cipher.encrypt(secret, "43");
		this.parts.store.replacePendingTotp("42", sealedForAnother, this.parts.clock.instant());
		long id = this.parts.store.authenticator("42", MfaStore.TOTP).orElseThrow().id();
		this.parts.store.confirmTotp(id, 0, this.parts.clock.instant());
		assertThat(this.parts.totpCodes.accept("42", code)).isFalse();
		assertThat(this.parts.totpCodes.matchingStep(sealedForAnother, "42", code, this.parts.clock.instant()))
			.isEmpty();
		assertThat(this.parts.totpCodes.matchingStep(sealedForAnother, "43", code, this.parts.clock.instant()))
			.isPresent();
	}

	private void confirmed(String userId, String secret, long lastStep) {
		this.parts.store.replacePendingTotp(userId, this.parts.cipher.encrypt(secret, userId),
				this.parts.clock.instant());
		long id = this.parts.store.authenticator(userId, MfaStore.TOTP).orElseThrow().id();
		assertThat(this.parts.store.confirmTotp(id, lastStep, this.parts.clock.instant())).isTrue();
	}

	private long lastStep(String userId) {
		Long step = this.parts.store.authenticator(userId, MfaStore.TOTP).orElseThrow().lastStep();
		return (step != null) ? step : -1;
	}

}
