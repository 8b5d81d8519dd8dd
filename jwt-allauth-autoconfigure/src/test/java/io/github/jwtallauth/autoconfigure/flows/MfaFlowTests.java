package io.github.jwtallauth.autoconfigure.flows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.mfa.MfaAdministration;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFA in {@code optional} mode over real HTTP: enrolment, the login challenge answered by
 * TOTP or a recovery code, replay, guessing until the challenge dies and the user locks,
 * deactivation, and the password-reset path, which must not open an enrolled account with
 * the mailbox alone. Codes are computed by the test's own RFC 6238 implementation against
 * a clock the test moves.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.mfa.mode=optional",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"jwtallauth.password.reset-cookie.secure=false" })
@Import(MutableClockConfiguration.class)
class MfaFlowTests extends MailFlowTestSupport {

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MfaAdministration mfa;

	@Autowired
	@Qualifier("jwtAllAuthMfaPurge")
	PurgeTask mfaPurge;

	@Test
	void enrolWhenCodeRightThenLoginIsChallengedAndTheCodeOpensTheSession() {
		String email = newAddress();
		userWithPassword(email);
		String access = login(email, TestUsers.PASSWORD).text("access");
		Response setup = this.http.post("/jwt-allauth/mfa/setup").bearer(access).send();
		assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
		String secret = setup.text("secret");
		assertThat(Rfc6238.base32(secret)).hasSize(20);
		assertThat(setup.text("provisioning_uri")).startsWith("otpauth://totp/JWT-Allauth:")
			.contains("secret=" + secret, "issuer=JWT-Allauth");
		assertThat(setup.text("qr_code")).contains("<svg", "</svg>");

		Response wrong = activate(access, "000000".equals(code(secret)) ? "111111" : "000000");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.text("code")).isEqualTo("mfa_invalid_code");
		Response activated = activate(access, code(secret));
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		assertThat(activated.json().get("success").asBoolean()).isTrue();
		assertThat(activated.json().get("recovery_codes")).hasSize(10);
		assertThat(this.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("code"))
			.isEqualTo("mfa_already_active");

		// the password alone no longer opens a session
		Response challenged = login(email, TestUsers.PASSWORD);
		assertThat(challenged.status()).isEqualTo(200);
		assertThat(challenged.json().get("mfa_required").asBoolean()).isTrue();
		assertThat(challenged.json().has("access")).isFalse();
		assertThat(challenged.setCookie("refresh_token")).isEmpty();
		String challenge = challenged.text("challenge_id");

		// the activation's code is spent: the same step is refused (no replay)
		Response replayed = verify(challenge, code(secret));
		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.text("code")).isEqualTo("mfa_invalid_code");
		this.clock.advance(Duration.ofSeconds(30));
		Response verified = verify(challenge, code(secret));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		assertThat(verified.text("access")).isNotBlank();
		assertThat(verified.cookieValue("refresh_token")).isPresent();
		// a challenge opens one session only
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(verify(challenge, code(secret)).text("code")).isEqualTo("mfa_challenge_invalid");

		Response authenticators = this.http.get("/jwt-allauth/mfa/authenticators")
			.bearer(verified.text("access"))
			.send();
		assertThat(authenticators.status()).isEqualTo(200);
		JsonNode totp = authenticators.json().get(0);
		assertThat(totp.get("type").asString()).isEqualTo("totp");
		assertThat(totp.get("last_used_at").isNull()).isFalse();
		assertThat(authenticators.json().get(1).get("type").asString()).isEqualTo("recovery_codes");
	}

	@Test
	void recoveryCodeWhenUsedThenItOpensOneSessionOnly() {
		Enrolled user = enrolled();
		Response first = verifyRecovery(challenge(user), user.recoveryCodes().get(0));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.text("access")).isNotBlank();
		Response again = verifyRecovery(challenge(user), user.recoveryCodes().get(0));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text("code")).isEqualTo("mfa_invalid_code");
		// written without the dash and in lower case, another one still works
		String relaxed = user.recoveryCodes().get(1).replace("-", "").toLowerCase();
		assertThat(verifyRecovery(challenge(user), relaxed).status()).isEqualTo(200);
	}

	@Test
	void challengeWhenCodesGuessedThenTheChallengeDiesAndTheUserLocks() {
		Enrolled user = enrolled();
		String challenge = challenge(user);
		for (int i = 0; i < 5; i++) {
			assertThat(verify(challenge, wrongCode(user.secret())).text("code")).isEqualTo("mfa_invalid_code");
		}
		// challenge-max-attempts (5) reached: dead, even for the right code
		Response dead = verify(challenge, code(user.secret()));
		assertThat(dead.status()).isEqualTo(400);
		assertThat(dead.text("code")).isEqualTo("mfa_challenge_invalid");
		String next = challenge(user);
		for (int i = 0; i < 4; i++) {
			assertThat(verify(next, wrongCode(user.secret())).status()).isEqualTo(400);
		}
		// the tenth failure within the lockout locks the user
		Response locked = verify(next, wrongCode(user.secret()));
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		assertThat(Long.parseLong(locked.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
		// locked: login answers 429 too, even with the right password
		assertThat(login(user.email(), TestUsers.PASSWORD).status()).isEqualTo(429);
		// after the lockout window, the user may try again
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		String fresh = challenge(user);
		assertThat(verify(fresh, code(user.secret())).status()).isEqualTo(200);
	}

	@Test
	void challengeWhenAnsweredWithAnotherUsersCodeThenRefused() {
		Enrolled alice = enrolled();
		Enrolled mallory = enrolled();
		this.clock.advance(Duration.ofSeconds(30));
		Response crossed = verify(challenge(alice), code(mallory.secret()));
		assertThat(crossed.status()).isEqualTo(400);
		Response forged = verify("a".repeat(43), code(alice.secret()));
		assertThat(forged.text("code")).isEqualTo("mfa_challenge_invalid");
	}

	@Test
	void deactivateWhenCodeMissingOrWrongThenRefusedAndWithBothThenMfaIsOff() {
		Enrolled user = enrolled();
		this.clock.advance(Duration.ofSeconds(30));
		String access = verify(challenge(user), code(user.secret())).text("access");
		Response noCode = this.http.post("/jwt-allauth/mfa/deactivate")
			.bearer(access)
			.json(json("password", TestUsers.PASSWORD))
			.send();
		assertThat(noCode.status()).isEqualTo(400);
		assertThat(noCode.json().get("errors").has("code")).isTrue();
		Response wrongPassword = deactivate(access, "not my password", user.recoveryCodes().get(0));
		assertThat(wrongPassword.status()).isEqualTo(400);
		Response wrongCode = deactivate(access, TestUsers.PASSWORD, wrongCode(user.secret()));
		assertThat(wrongCode.text("code")).isEqualTo("mfa_invalid_code");
		assertThat(login(user.email(), TestUsers.PASSWORD).json().has("mfa_required")).isTrue();
		Response off = deactivate(access, TestUsers.PASSWORD, user.recoveryCodes().get(0));
		assertThat(off.status()).as(off.toString()).isEqualTo(200);
		assertThat(login(user.email(), TestUsers.PASSWORD).text("access")).isNotBlank();
	}

	@Test
	void deactivateWhenPasswordsGuessedThenRefusedEvenWithTheRightPasswordAndCode() {
		Enrolled user = enrolled();
		this.clock.advance(Duration.ofSeconds(30));
		String access = verify(challenge(user), code(user.secret())).text("access");
		for (int i = 0; i < 5; i++) {
			Response wrong = deactivate(access, "guess number " + i, user.recoveryCodes().get(0));
			assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
		}
		Response locked = deactivate(access, TestUsers.PASSWORD, user.recoveryCodes().get(0));
		assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		assertThat(locked.header("Retry-After")).isPresent();
		// still enrolled, and the recovery code was not spent
		assertThat(login(user.email(), TestUsers.PASSWORD).json().has("mfa_required")).isTrue();
		assertThat(verifyRecovery(challenge(user), user.recoveryCodes().get(0)).text("access")).isNotBlank();
	}

	@Test
	void deactivateWhenPasswordHasTheRightFirst72BytesAndMoreThenRefused() {
		String longPassword = "y".repeat(72);
		String email = newAddress();
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(longPassword), "Ada", "Lovelace", 0, true, true));
		String access = login(email, longPassword).text("access");
		String secret = this.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("secret");
		Response activated = activate(access, code(secret));
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		String recoveryCode = activated.json().get("recovery_codes").get(0).asString();
		Response extended = deactivate(access, longPassword + "-and-more", recoveryCode);
		assertThat(extended.status()).isEqualTo(400);
		assertThat(extended.json().get("errors").has("password")).isTrue();
		assertThat(login(email, longPassword).json().has("mfa_required")).isTrue();
		assertThat(deactivate(access, longPassword, recoveryCode).status()).isEqualTo(200);
	}

	@Test
	void purgeWhenRowsExpiredThenAtMostABatchPerCallAndTheCountIsTheRowsDeleted() {
		Enrolled user = enrolled();
		for (int i = 0; i < 4; i++) {
			challenge(user);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(verify(challenge(user), wrongCode(user.secret())).status()).isEqualTo(400);
		}
		assertThat(rowsOf(user.id())).isEqualTo(10);
		// past the challenges' lifetime and the lockout window
		this.clock.advance(Duration.ofMinutes(16));
		int before = allRows();
		int total = 0;
		int deleted;
		do {
			deleted = this.mfaPurge.purgeBatch(3);
			assertThat(deleted).isBetween(0, 3);
			total += deleted;
		}
		while (deleted == 3);
		assertThat(total).isEqualTo(before - allRows()).isGreaterThanOrEqualTo(10);
		assertThat(rowsOf(user.id())).isZero();
	}

	private int rowsOf(String userId) {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_mfa_challenge where user_id = ?",
				Integer.class, userId)
				+ this.jdbc.queryForObject("select count(*) from jwt_allauth_mfa_failure where user_id = ?",
						Integer.class, userId);
	}

	private int allRows() {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_mfa_challenge", Integer.class)
				+ this.jdbc.queryForObject("select count(*) from jwt_allauth_mfa_failure", Integer.class);
	}

	@Test
	void recoveryCodesWhenRegeneratedThenTheOldOnesDie() {
		Enrolled user = enrolled();
		this.clock.advance(Duration.ofSeconds(30));
		String access = verify(challenge(user), code(user.secret())).text("access");
		this.clock.advance(Duration.ofSeconds(30));
		Response regenerated = this.http.post("/jwt-allauth/mfa/recovery-codes")
			.bearer(access)
			.json(json("code", code(user.secret())))
			.send();
		assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(200);
		assertThat(regenerated.json().get("recovery_codes")).hasSize(10);
		assertThat(verifyRecovery(challenge(user), user.recoveryCodes().get(0)).status()).isEqualTo(400);
		assertThat(verifyRecovery(challenge(user), regenerated.json().get("recovery_codes").get(0).asString()).status())
			.isEqualTo(200);
	}

	@Test
	void secretsWhenStoredThenUnreadableInTheDatabase() {
		Enrolled user = enrolled();
		String stored = this.jdbc.queryForObject(
				"select secret from jwt_allauth_mfa_authenticator where user_id = ? and type = 'totp'", String.class,
				user.id());
		assertThat(stored).doesNotContain(user.secret());
		assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
			.doesNotContain(user.secret());
		List<String> hashes = this.jdbc.queryForList(
				"select code_hash from jwt_allauth_mfa_recovery_code where user_id = ?", String.class, user.id());
		assertThat(hashes).hasSize(10);
		for (String code : user.recoveryCodes()) {
			assertThat(hashes).noneMatch((hash) -> hash.contains(code.replace("-", "")));
		}
		assertThat(this.jdbc.queryForList("select id_hash from jwt_allauth_mfa_challenge where user_id = ?",
				String.class, user.id()))
			.isEmpty();
		String challenge = challenge(user);
		assertThat(this.jdbc.queryForList("select id_hash from jwt_allauth_mfa_challenge where user_id = ?",
				String.class, user.id()))
			.singleElement()
			.isNotEqualTo(challenge);
	}

	@Test
	void passwordResetWhenUserEnrolledThenTheMailboxAloneOpensNoSession() {
		Enrolled user = enrolled();
		this.http.post("/jwt-allauth/password/reset").json(json("email", user.email())).send();
		Response opened = this.http.get(this.mailbox.next(user.email(), 0).linkPath()).send();
		Response reset = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.header("X-CSRF-TOKEN", opened.cookieValue("XSRF-TOKEN").orElseThrow())
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
		assertThat(reset.text("detail")).isEqualTo("Password reset.");
		assertThat(reset.json().get("mfa_required").asBoolean()).isTrue();
		assertThat(reset.json().has("access")).isFalse();
		assertThat(reset.setCookie("refresh_token")).isEmpty();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(verify(reset.text("challenge_id"), code(user.secret())).status()).isEqualTo(200);
	}

	@Test
	void challengeWhenGuessesSentAllAtOnceThenNoMoreCodesAreCheckedThanTheLimit() throws Exception {
		Enrolled user = enrolled();
		String challenge = challenge(user);
		String wrong = wrongCode(user.secret());
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> codes = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				codes.add(pool.submit(() -> {
					start.await();
					return verify(challenge, wrong).text("code");
				}));
			}
			start.countDown();
			int checked = 0;
			for (Future<String> code : codes) {
				String answer = code.get(30, TimeUnit.SECONDS);
				assertThat(answer).isIn("mfa_invalid_code", "mfa_challenge_invalid");
				checked += "mfa_invalid_code".equals(answer) ? 1 : 0;
			}
			// charged before the check: concurrency buys no attempts beyond
			// challenge-max-attempts
			assertThat(checked).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void passwordResetWhenMfaLockedThenRefusedBeforeThePasswordChanges() {
		Enrolled user = enrolled();
		for (int i = 0; i < 2; i++) {
			String challenge = challenge(user);
			for (int j = 0; j < 5; j++) {
				verify(challenge, wrongCode(user.secret()));
			}
		}
		assertThat(login(user.email(), TestUsers.PASSWORD).status()).isEqualTo(429);
		this.http.post("/jwt-allauth/password/reset").json(json("email", user.email())).send();
		Response opened = this.http.get(this.mailbox.next(user.email(), 0).linkPath()).send();
		Response reset = this.http.post("/jwt-allauth/password/reset/set-new")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.header("X-CSRF-TOKEN", opened.cookieValue("XSRF-TOKEN").orElseThrow())
			.json(json("new_password1", NEW_PASSWORD, "new_password2", NEW_PASSWORD))
			.send();
		assertThat(reset.status()).isEqualTo(429);
		this.clock.advance(Duration.ofMinutes(16));
		// nothing changed: the old password still leads to the challenge
		assertThat(login(user.email(), TestUsers.PASSWORD).json().get("mfa_required").asBoolean()).isTrue();
	}

	@Test
	void secretWhenItNoLongerDecryptsThenTheCodeIsRefusedNotAServerError() {
		Enrolled user = enrolled();
		this.jdbc.update("update jwt_allauth_mfa_authenticator set secret = ? where user_id = ? and type = 'totp'",
				Base64.getEncoder().encodeToString(new byte[40]), user.id());
		this.clock.advance(Duration.ofSeconds(30));
		Response refused = verify(challenge(user), code(user.secret()));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("code")).isEqualTo("mfa_invalid_code");
		// an administrator resets the user's MFA: the password alone opens a session
		// again
		this.mfa.reset(user.id());
		assertThat(login(user.email(), TestUsers.PASSWORD).text("access")).isNotBlank();
	}

	@Test
	void challengeWhenThePasswordChangesMeanwhileThenItDies() {
		Enrolled user = enrolled();
		this.clock.advance(Duration.ofSeconds(30));
		String access = verify(challenge(user), code(user.secret())).text("access");
		// someone else holds a challenge got with the old password
		String stolen = challenge(user);
		Response changed = this.http.post("/jwt-allauth/password/change")
			.bearer(access)
			.json(json("old_password", TestUsers.PASSWORD, "new_password1", NEW_PASSWORD, "new_password2",
					NEW_PASSWORD))
			.send();
		assertThat(changed.status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(verify(stolen, code(user.secret())).text("code")).isEqualTo("mfa_challenge_invalid");
	}

	private Enrolled enrolled() {
		String email = newAddress();
		UserAccount account = userWithPassword(email);
		String access = login(email, TestUsers.PASSWORD).text("access");
		String secret = this.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("secret");
		Response activated = activate(access, code(secret));
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		activated.json().get("recovery_codes").forEach((node) -> codes.add(node.asString()));
		return new Enrolled(account.getId(), email, secret, codes);
	}

	private String challenge(Enrolled user) {
		Response challenged = login(user.email(), TestUsers.PASSWORD);
		assertThat(challenged.status()).as(challenged.toString()).isEqualTo(200);
		return challenged.text("challenge_id");
	}

	private String code(String secret) {
		return Rfc6238.code(secret, this.clock.instant(), 6);
	}

	private String wrongCode(String secret) {
		Instant now = this.clock.instant();
		long step = now.getEpochSecond() / 30;
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!code.equals(Rfc6238.codeAtStep(secret, step - 1, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step, 6))
					&& !code.equals(Rfc6238.codeAtStep(secret, step + 1, 6))) {
				return code;
			}
		}
	}

	private Response activate(String access, String code) {
		return this.http.post("/jwt-allauth/mfa/activate").bearer(access).json(json("code", code)).send();
	}

	private Response verify(String challenge, String code) {
		return this.http.post("/jwt-allauth/mfa/verify").json(json("challenge_id", challenge, "code", code)).send();
	}

	private Response verifyRecovery(String challenge, String code) {
		return this.http.post("/jwt-allauth/mfa/verify-recovery")
			.json(json("challenge_id", challenge, "recovery_code", code))
			.send();
	}

	private Response deactivate(String access, String password, String code) {
		return this.http.post("/jwt-allauth/mfa/deactivate")
			.bearer(access)
			.json(json("password", password, "code", code))
			.send();
	}

	record Enrolled(String id, String email, String secret, List<String> recoveryCodes) {
	}

}
