package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeScheduler;
import io.github.jwtallauth.autoconfigure.mail.MailOutbox;
import io.github.jwtallauth.autoconfigure.mail.OutboxSending;
import io.github.jwtallauth.autoconfigure.mail.OutgoingMail;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application, each its own Spring application context with its own
 * HTTP port, pool, mail outbox and purge job, over one database: what one instance does
 * the other must see (sessions, failed-login and MFA limits with the jdbc backend), and
 * what both do at the same moment must happen once (a refresh, a mail, a purged row). The
 * database is the test's own, so that counts of purged rows and per-IP limits are not
 * disturbed by other test classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoInstancesTests {

	private static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(false);

	private static final int RACES = 25;

	private PrivateDatabase database;

	private AppInstance one;

	private AppInstance two;

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	abstract PrivateDatabase createDatabase();

	@BeforeAll
	void startTwoInstances() {
		this.database = createDatabase();
		this.one = AppInstance.start("instance-one", properties(Map.of()));
		this.two = AppInstance.start("instance-two", properties(Map.of()));
	}

	@AfterAll
	void stopThem() {
		this.threads.shutdownNow();
		closeAll(this.one, this.two);
		if (this.database != null) {
			this.database.close();
		}
	}

	Map<String, Object> properties(Map<String, Object> more) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", this.database.url());
		if (this.database.username() != null) {
			properties.put("spring.datasource.username", this.database.username());
			properties.put("spring.datasource.password", this.database.password());
		}
		properties.put("jwtallauth.rate-limit.backend", "jdbc");
		properties.put("jwtallauth.rate-limit.login-per-account", "5/1h");
		properties.put("jwtallauth.refresh-cookie.enabled", "false");
		properties.put("jwtallauth.mfa.mode", "optional");
		properties.put("jwtallauth.mfa.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
		properties.put("jwtallauth.mfa.max-attempts", "4");
		properties.put("jwtallauth.mail.from", "accounts@example.com");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(SMTP_PORT));
		// both purge jobs run, every second
		properties.put("jwtallauth.sessions.purge-interval", "1s");
		properties.putAll(more);
		return properties;
	}

	@Test
	void refreshWhenOneTokenIsSentToBothInstancesAtOnceThenOneWinsAndTheReplayEndsTheSession() throws Exception {
		for (int race = 0; race < RACES; race++) {
			UserAccount user = this.one.users().user();
			String refresh = this.one.login(user.getEmail(), TestUsers.PASSWORD).text("refresh");
			List<Response> answers = both((instance) -> instance.refresh(refresh));
			List<Response> won = answers.stream().filter((answer) -> answer.status() == 200).toList();
			assertThat(won).as("race %d: %s", race, answers).hasSize(1);
			Response lost = answers.stream().filter((answer) -> answer.status() != 200).findFirst().orElseThrow();
			assertThat(lost.status()).isEqualTo(401);
			assertThat(lost.text("code")).isEqualTo("token_not_valid");
			// without a grace period the second use of a spent token is a replay: the
			// session
			// ends, and the winner's successor with it
			assertThat(this.two.refresh(won.get(0).text("refresh")).status()).isEqualTo(401);
			assertThat(sessionsOf(user)).isZero();
		}
	}

	@Test
	void refreshWhenGracePeriodSetThenBothInstancesHandOutTheSameSuccessor() throws Exception {
		Map<String, Object> grace = Map.of("jwtallauth.sessions.reuse-grace-period", "30s",
				"jwtallauth.sessions.purge-interval", "0");
		AppInstance first = AppInstance.start("grace-one", properties(grace));
		AppInstance second = null;
		try {
			second = AppInstance.start("grace-two", properties(grace));
			AppInstance[] pair = { first, second };
			for (int race = 0; race < RACES; race++) {
				UserAccount user = first.users().user();
				String refresh = first.login(user.getEmail(), TestUsers.PASSWORD).text("refresh");
				List<Response> answers = both(pair, (instance) -> instance.refresh(refresh));
				assertThat(answers).as("race %d", race).allSatisfy((answer) -> {
					assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
					assertThat(answer.text("access")).isNotBlank();
				});
				String successor = answers.get(0).text("refresh");
				assertThat(answers.get(1).text("refresh")).as("one successor for both").isEqualTo(successor);
				assertThat(sessionsOf(user)).isOne();
				// the successor is the session's live token, on either instance
				assertThat(pair[race % 2].refresh(successor).status()).isEqualTo(200);
			}
		}
		finally {
			closeAll(first, second);
		}
	}

	@Test
	void loginWhenWrongPasswordsSpreadOverBothInstancesThenBothLockTheAccount() {
		UserAccount user = this.one.users().user();
		for (int attempt = 0; attempt < 5; attempt++) {
			Response wrong = instance(attempt).login(user.getEmail(), "wrong password " + attempt);
			assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
			assertThat(wrong.text("code")).isEqualTo("incorrect_credentials");
		}
		for (AppInstance instance : List.of(this.one, this.two)) {
			Response locked = instance.login(user.getEmail(), TestUsers.PASSWORD);
			assertThat(locked.status()).as("%s: %s", instance, locked).isEqualTo(429);
			assertThat(locked.text("code")).isEqualTo("throttled");
			assertThat(locked.header("Retry-After")).isPresent();
		}
	}

	@Test
	void mfaWhenWrongCodesSpreadOverBothInstancesThenBothLockTheUser() {
		UserAccount user = this.one.users().user();
		String access = this.one.login(user.getEmail(), TestUsers.PASSWORD).text("access");
		String secret = this.one.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("secret");
		Response activated = this.two.http.post("/jwt-allauth/mfa/activate")
			.bearer(access)
			.json("{\"code\":\"" + Rfc6238.code(secret, Instant.now(), 6) + "\"}")
			.send();
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		String challenge = this.two.login(user.getEmail(), TestUsers.PASSWORD).text("challenge_id");
		assertThat(challenge).isNotBlank();
		String wrong = wrongCode(secret);
		// jwtallauth.mfa.max-attempts=4: three wrong codes are answered as such, the
		// fourth
		// locks
		for (int attempt = 0; attempt < 3; attempt++) {
			Response refused = verify(instance(attempt), challenge, wrong);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.text("code")).isEqualTo("mfa_invalid_code");
		}
		Response locked = verify(instance(3), challenge, wrong);
		assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		// locked: neither instance opens a session for the user, even with the right
		// password
		for (AppInstance instance : List.of(this.one, this.two)) {
			Response login = instance.login(user.getEmail(), TestUsers.PASSWORD);
			assertThat(login.status()).as("%s: %s", instance, login).isEqualTo(429);
			assertThat(login.text("code")).isEqualTo("throttled");
		}
	}

	@Test
	void mailWhenBothOutboxesRunThenEachMailIsSentOnce() throws Exception {
		String domain = UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		List<String> recipients = new ArrayList<>();
		// password-reset mails, asked for on both instances at the same moment, for two
		// users at a time: each request issues a link (a one-time token row) and queues
		// a mail, in the background, in both instances at once
		for (int pair = 0; pair < 6; pair++) {
			String first = "reset-" + pair + "-a@" + domain;
			String second = "reset-" + pair + "-b@" + domain;
			this.one.user(first);
			this.one.user(second);
			List<Response> resets = both((instance) -> instance.http.post("/jwt-allauth/password/reset")
				.json("{\"email\":\"" + ((instance == this.one) ? first : second) + "\"}")
				.send());
			assertThat(resets).allSatisfy((reset) -> assertThat(reset.status()).as(reset.toString()).isEqualTo(200));
			recipients.add(first);
			recipients.add(second);
		}
		// and a batch both outboxes find due at once
		MailOutbox outbox = this.one.bean(MailOutbox.class);
		for (int i = 0; i < 40; i++) {
			String address = "queued-" + i + "@" + domain;
			outbox.enqueue(new OutgoingMail(address, "Queued " + i, "mail number " + i, null));
			recipients.add(address);
		}
		for (int round = 0; round < 5; round++) {
			both((instance) -> OutboxSending.sendDue(instance.context));
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(domain).size() >= recipients.size());
		// several more polls of both outboxes (every 5 seconds) must not send anything
		// again
		Thread.sleep(11_000);
		List<String> received = receivedFor(domain);
		assertThat(received).hasSameSizeAs(recipients).containsExactlyInAnyOrderElementsOf(recipients);
	}

	@Test
	void purgeWhenBothInstancesRunItThenTheirDeletionsAddUpToTheExpiredRows() throws Exception {
		String owner = "purge-" + UUID.randomUUID();
		long before = sessionPurges();
		int expired = 2500;
		Timestamp past = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < expired; i++) {
			rows.add(new Object[] { hex32(), owner, hex32(), past, past, past });
		}
		this.one.jdbc()
			.batchUpdate("insert into jwt_allauth_session (id, user_id, jti, enabled, created, last_used, expires) "
					+ "values (?, ?, ?, true, ?, ?, ?)", rows);
		// the scheduled jobs run every second in both; run both once more at the very
		// same
		// moment
		both((instance) -> instance.bean(PurgeScheduler.class).purge());
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.one.jdbc()
				.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class,
						owner) == 0);
		// a run still under way when the rows were gone has finished after one more
		// interval
		Thread.sleep(2_500);
		assertThat(sessionPurges() - before).isEqualTo(expired);
		assertThat(this.one.purges().failures()).isEmpty();
		assertThat(this.two.purges().failures()).isEmpty();
	}

	private long sessionPurges() {
		return this.one.purges().deleted("jwtAllAuthSessionPurge")
				+ this.two.purges().deleted("jwtAllAuthSessionPurge");
	}

	private AppInstance instance(int attempt) {
		return (attempt % 2 == 0) ? this.one : this.two;
	}

	private int sessionsOf(UserAccount user) {
		return this.one.jdbc()
			.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class,
					String.valueOf(user.getId()));
	}

	private static Response verify(AppInstance instance, String challenge, String code) {
		return instance.http.post("/jwt-allauth/mfa/verify")
			.json("{\"challenge_id\":\"" + challenge + "\",\"code\":\"" + code + "\"}")
			.send();
	}

	private static String wrongCode(String secret) {
		Set<String> valid = new HashSet<>();
		long step = Instant.now().getEpochSecond() / 30;
		for (long near = step - 2; near <= step + 2; near++) {
			valid.add(Rfc6238.codeAtStep(secret, near, 6));
		}
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}

	private static List<String> receivedFor(String domain) throws MessagingException {
		List<String> addresses = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
			if (to.endsWith("@" + domain)) {
				addresses.add(to);
			}
		}
		return addresses;
	}

	private <T> List<T> both(InstanceCall<T> call) throws Exception {
		return both(new AppInstance[] { this.one, this.two }, call);
	}

	/**
	 * Call both instances from two threads released at the same moment.
	 */
	private <T> List<T> both(AppInstance[] pair, InstanceCall<T> call) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(2);
		List<Future<T>> futures = new ArrayList<>();
		for (AppInstance instance : pair) {
			Callable<T> task = () -> {
				barrier.await(10, TimeUnit.SECONDS);
				return call.call(instance);
			};
			futures.add(this.threads.submit(task));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		return results;
	}

	private static String hex32() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static void closeAll(AppInstance... instances) {
		for (AppInstance instance : instances) {
			if (instance != null) {
				instance.close();
			}
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	interface InstanceCall<T> {

		T call(AppInstance instance) throws Exception;

	}

}
