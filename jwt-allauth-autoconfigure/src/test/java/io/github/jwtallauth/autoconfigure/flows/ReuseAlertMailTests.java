package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail that tells a user a replayed refresh token closed one of their sessions, end
 * to end: the replay over HTTP, the mail received over SMTP in the language of the
 * request, and the hourly limit kept in the database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.sessions.collect-user-agent=true" })
@Import(MutableClockConfiguration.class)
class ReuseAlertMailTests extends MailFlowTestSupport {

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

	@Autowired
	MutableClock clock;

	@Test
	void refreshWhenTokenReplayedThenOwnerGetsOneMailNamingTheDeviceWithALinkAndNoToken() {
		String email = newAddress();
		String userId = userWithPassword(email).getId();
		Replay replay = replay(email, "en");
		assertThat(replay.answer().status()).isEqualTo(401);
		assertThat(replay.answer().text("code")).isEqualTo("token_not_valid");
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("A session of your account was closed");
		assertThat(mail.text()).contains("was presented after it had already been used", "Browser: Firefox",
				"Operating system: Linux", "IP address: 127.0.0.1", "UTC", "Change your password");
		assertThat(mail.html()).contains("Browser: Firefox", "Operating system: Linux", "IP address: 127.0.0.1");
		assertThat(mail.link()).isEqualTo("http://127.0.0.1");
		assertThat(mail.html()).contains("href=\"http://127.0.0.1\"");
		assertNoToken(mail, replay);
		assertThat(queuedRecipients()).containsExactly(email);
		// the hourly limit is kept in the database, shared by every instance
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_reuse_alert where user_id = ?",
				Integer.class, userId))
			.isOne();
	}

	@Test
	void refreshWhenTokenReplayedInSpanishThenMailInSpanish() {
		String email = newAddress();
		userWithPassword(email);
		Replay replay = replay(email, "es");
		assertThat(replay.answer().status()).isEqualTo(401);
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("Se ha cerrado una sesión de tu cuenta");
		assertThat(mail.text()).contains("ya se había usado", "Navegador: Firefox", "Sistema operativo: Linux",
				"Dirección IP: 127.0.0.1", "Cambiar la contraseña");
		assertThat(mail.html()).contains("Navegador: Firefox");
		assertThat(mail.link()).isEqualTo("http://127.0.0.1");
		assertNoToken(mail, replay);
	}

	@Test
	void refreshWhenSecondSessionReplayedWithinTheHourThenNoSecondMailButAnHourLaterOneMore() {
		String email = newAddress();
		userWithPassword(email);
		Replay first = replay(email, "en");
		assertThat(first.answer().status()).isEqualTo(401);
		this.mailbox.next(email, 0);

		this.clock.advance(Duration.ofMinutes(59));
		Replay second = replay(email, "en");
		assertThat(second.answer().status()).isEqualTo(401);
		assertThat(second.answer().text("code")).isEqualTo("token_not_valid");
		assertThat(queuedRecipients()).containsExactly(email);

		this.clock.advance(Duration.ofMinutes(1));
		Replay third = replay(email, "en");
		assertThat(third.answer().status()).isEqualTo(401);
		assertThat(this.mailbox.next(email, 1).subject()).isEqualTo("A session of your account was closed");
		assertThat(queuedRecipients()).containsExactly(email, email);
		assertThat(this.mailbox.to(email)).hasSize(2);
	}

	@Test
	void refreshWhenSessionsOfOneUserReplayedAtOnceThenOneMail() throws Exception {
		String email = newAddress();
		userWithPassword(email);
		List<String> stolen = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			stolen.add(stolenToken(email));
		}
		// the database decides, as it would between application instances sharing it
		ExecutorService pool = Executors.newFixedThreadPool(stolen.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> answers = new ArrayList<>();
			for (String token : stolen) {
				answers.add(pool.submit(() -> {
					start.await();
					return refresh(token).status();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(401);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(queuedRecipients()).containsExactly(email);
		this.mailbox.next(email, 0);
	}

	@Test
	void refreshWhenOneUserAlertedThenAnotherUserIsStillAlerted() {
		String one = newAddress();
		String other = newAddress();
		userWithPassword(one);
		userWithPassword(other);
		replay(one, "en");
		replay(other, "en");
		assertThat(this.mailbox.next(one, 0).subject()).isEqualTo("A session of your account was closed");
		assertThat(this.mailbox.next(other, 0).subject()).isEqualTo("A session of your account was closed");
		assertThat(queuedRecipients()).containsExactlyInAnyOrder(one, other);
	}

	@Test
	void refreshWhenRotatedNormallyThenNoMail() {
		String email = newAddress();
		userWithPassword(email);
		Response login = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.header("User-Agent", FIREFOX)
			.send();
		Response rotated = refresh(login.cookieValue("refresh_token").orElseThrow());
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(refresh(rotated.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(200);
		assertThat(queuedRecipients()).isEmpty();
	}

	/**
	 * Log in from Firefox on Linux, rotate the refresh token once, then present the
	 * rotated one again.
	 */
	private Replay replay(String email, String language) {
		Response login = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.header("User-Agent", FIREFOX)
			.send();
		assertThat(login.status()).isEqualTo(200);
		String stolen = login.cookieValue("refresh_token").orElseThrow();
		Response rotated = refresh(stolen);
		assertThat(rotated.status()).isEqualTo(200);
		return new Replay(replayed(stolen, language), List.of(login.text("access"), stolen, rotated.text("access"),
				rotated.cookieValue("refresh_token").orElseThrow()));
	}

	/**
	 * Open a session and rotate its refresh token once.
	 * @return the rotated, no longer valid, refresh token
	 */
	private String stolenToken(String email) {
		Response login = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.header("User-Agent", FIREFOX)
			.send();
		String stolen = login.cookieValue("refresh_token").orElseThrow();
		assertThat(refresh(stolen).status()).isEqualTo(200);
		return stolen;
	}

	private Response replayed(String stolen, String language) {
		return this.http.post("/jwt-allauth/refresh")
			.cookie("refresh_token", stolen)
			.header("Accept-Language", language)
			.send();
	}

	private static void assertNoToken(Mail mail, Replay replay) {
		for (String token : replay.tokens()) {
			assertThat(mail.text()).doesNotContain(token);
			assertThat(mail.html()).doesNotContain(token);
			// nor any part of a token: its signature, its payload
			for (String part : token.split("\\.")) {
				assertThat(mail.text()).doesNotContain(part);
				assertThat(mail.html()).doesNotContain(part);
			}
		}
		assertThat(mail.text() + mail.html()).doesNotContain("eyJ");
	}

	record Replay(Response answer, List<String> tokens) {
	}

}
