package io.github.jwtallauth.autoconfigure.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins limited per account and per client IP: an attacker guessing one account
 * from many addresses, or many accounts from one address, is stopped, the right password
 * does not get through a lock, and known and unknown addresses are treated alike.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.rate-limit.login-per-ip=10/1m", "jwtallauth.rate-limit.login-per-account=5/5m",
				"jwtallauth.rate-limit.mail-requests-per-ip=3/1m",
				// X-Forwarded-For from the test client stands for many attacking
				// addresses
				"jwtallauth.sessions.trusted-proxies=127.0.0.1" })
public class BruteForceTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void loginWhenAccountGuessedFromManyAddressesThenLockedEvenForTheRightPassword() {
		String email = account();
		for (int i = 0; i < 5; i++) {
			Response wrong = login(email, "wrong guess " + i, randomIp());
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.text("code")).isEqualTo("incorrect_credentials");
		}
		Response locked = login(email, TestUsers.PASSWORD, randomIp());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		assertThat(locked.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		// 5 per 5 minutes: the next attempt is allowed about a minute later
		assertThat(Integer.parseInt(locked.header("Retry-After").orElseThrow())).isBetween(1, 61);
		assertThat(locked.setCookie("refresh_token")).isEmpty();
	}

	@Test
	void loginWhenAddressUnknownThenLimitedExactlyLikeAKnownOne() {
		String known = account();
		String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
		for (int i = 0; i < 5; i++) {
			Response forKnown = login(known, "wrong", randomIp());
			Response forUnknown = login(unknown, "wrong", randomIp());
			assertThat(forKnown.status()).isEqualTo(forUnknown.status()).isEqualTo(401);
			assertThat(forKnown.body()).isEqualTo(forUnknown.body());
		}
		Response knownLocked = login(known, "wrong", randomIp());
		Response unknownLocked = login(unknown, "wrong", randomIp());
		assertThat(knownLocked.status()).isEqualTo(unknownLocked.status()).isEqualTo(429);
		assertThat(knownLocked.body()).isEqualTo(unknownLocked.body());
	}

	@Test
	void loginWhenManyAccountsGuessedFromOneAddressThenThatAddressIsLocked() {
		String ip = randomIp();
		for (int i = 0; i < 10; i++) {
			assertThat(login("victim-" + i + "-" + UUID.randomUUID() + "@example.com", "123456", ip).status())
				.isEqualTo(401);
		}
		String email = account();
		Response locked = login(email, TestUsers.PASSWORD, ip);
		assertThat(locked.status()).isEqualTo(429);
		// another address is not affected
		assertThat(login(email, TestUsers.PASSWORD, randomIp()).status()).isEqualTo(200);
	}

	@Test
	void loginWhenSuccessfulThenFailuresAreNotForgiven() {
		String email = account();
		String ip = randomIp();
		for (int i = 0; i < 4; i++) {
			assertThat(login(email, "wrong", ip).status()).isEqualTo(401);
		}
		assertThat(login(email, TestUsers.PASSWORD, ip).status()).isEqualTo(200);
		assertThat(login(email, "wrong", ip).status()).isEqualTo(401);
		assertThat(login(email, TestUsers.PASSWORD, ip).status()).isEqualTo(429);
	}

	@Test
	void loginWhenGuessesSentAllAtOnceThenNoMoreGetThroughThanTheLimit() throws Exception {
		String email = account();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String ip = randomIp();
				statuses.add(pool.submit(() -> {
					start.await();
					return login(email, "guess", ip).status();
				}));
			}
			start.countDown();
			int passwordChecks = 0;
			for (Future<Integer> status : statuses) {
				int code = status.get(30, TimeUnit.SECONDS);
				assertThat(code).isIn(401, 429);
				passwordChecks += (code == 401) ? 1 : 0;
			}
			// the attempt is charged before the password is checked: concurrency buys no
			// extra guesses
			assertThat(passwordChecks).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void loginWhenManyPeopleBehindOneAddressLogInAtOnceThenNoneIsRefused() throws Exception {
		// an office or a mobile carrier: more simultaneous right logins than login-per-ip
		// allows failures
		String ip = randomIp();
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			emails.add(account());
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (String email : emails) {
				statuses.add(pool.submit(() -> {
					start.await();
					return login(email, TestUsers.PASSWORD, ip).status();
				}));
			}
			start.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// right logins charged nothing: the address still has all its failures to spend
		for (int i = 0; i < 10; i++) {
			assertThat(login("nobody-" + UUID.randomUUID() + "@example.com", "wrong", ip).status()).isEqualTo(401);
		}
		assertThat(login(emails.get(0), TestUsers.PASSWORD, ip).status()).isEqualTo(429);
	}

	@Test
	void loginWhenManyAccountsGuessedAtOnceFromOneAddressThenNoMoreChecksThanTheLimit() throws Exception {
		// a password spray from one client, all in flight together
		String ip = randomIp();
		ExecutorService pool = Executors.newFixedThreadPool(30);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				String email = "victim-" + i + "-" + UUID.randomUUID() + "@example.com";
				statuses.add(pool.submit(() -> {
					start.await();
					return login(email, "Summer2026!", ip).status();
				}));
			}
			start.countDown();
			int passwordChecks = 0;
			for (Future<Integer> status : statuses) {
				int code = status.get(60, TimeUnit.SECONDS);
				assertThat(code).isIn(401, 429);
				passwordChecks += (code == 401) ? 1 : 0;
			}
			// 10 per minute: the bucket hands a token back every 6 s, which a slow run
			// may see once
			assertThat(passwordChecks).isBetween(10, 11);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void loginWhenPasswordHasTheRightFirst72BytesAndMoreThenRefusedLikeAWrongOne() {
		String password = "p".repeat(60) + "\u20ac".repeat(4);
		assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(72);
		String email = "user-" + UUID.randomUUID() + "@example.com";
		this.accounts.create(new NewAccount(email, this.passwordEncoder.encode(password), "", "", 0, true, true));
		Response extended = login(email, password + "suffix", randomIp());
		assertThat(extended.status()).isEqualTo(401);
		assertThat(extended.text("code")).isEqualTo("incorrect_credentials");
		assertThat(login(email, password + "\u20ac", randomIp()).status()).isEqualTo(401);
		assertThat(login(email, password, randomIp()).status()).isEqualTo(200);
	}

	@Test
	void passwordChangeWhenOldPasswordsOfManyAccountsGuessedFromOneAddressThenThatAddressIsLocked() {
		String ip = randomIp();
		// sessions first: the guesses must land within a few seconds, before the bucket
		// refills
		List<String> stolen = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			stolen.add(login(account(), TestUsers.PASSWORD, randomIp()).text("access"));
		}
		for (int i = 0; i < 10; i++) {
			assertThat(changePassword(stolen.get(i), "guess", ip).status()).isEqualTo(400);
		}
		String access = stolen.get(10);
		Response locked = changePassword(access, TestUsers.PASSWORD, ip);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("throttled");
		assertThat(changePassword(access, TestUsers.PASSWORD, randomIp()).status()).isEqualTo(200);
	}

	@Test
	void passwordChangeWhenOldPasswordGuessedFromManyAddressesThenLockedEvenForTheRightOne() {
		String access = login(account(), TestUsers.PASSWORD, randomIp()).text("access");
		for (int i = 0; i < 5; i++) {
			assertThat(changePassword(access, "guess " + i, randomIp()).status()).isEqualTo(400);
		}
		Response locked = changePassword(access, TestUsers.PASSWORD, randomIp());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(Integer.parseInt(locked.header("Retry-After").orElseThrow())).isBetween(1, 61);
	}

	private Response changePassword(String access, String oldPassword, String ip) {
		return this.http.post("/jwt-allauth/password/change")
			.bearer(access)
			.header("X-Forwarded-For", ip)
			.json("{\"old_password\":\"" + oldPassword
					+ "\",\"new_password1\":\"a different passphrase\",\"new_password2\":\"a different passphrase\"}")
			.send();
	}

	@Test
	void networkWhenIpv6ThenTheWhole64CountsAsOneClient() {
		assertThat(LoginThrottle.network("2001:db8:1:2:aaaa::1"))
			.isEqualTo(LoginThrottle.network("2001:db8:1:2:bbbb::2"))
			.isNotEqualTo(LoginThrottle.network("2001:db8:1:3::1"));
		assertThat(LoginThrottle.network("192.0.2.1")).isEqualTo("192.0.2.1");
	}

	@Test
	void mailRequestsWhenOneClientCyclesThroughAddressesThenThatClientIsLimited() {
		String ip = randomIp();
		String[] paths = { "/jwt-allauth/password/reset", "/jwt-allauth/registration/resend-verification",
				"/jwt-allauth/password/reset" };
		for (String path : paths) {
			assertThat(mailRequest(path, ip).status()).as(path).isEqualTo(200);
		}
		Response limited = mailRequest("/jwt-allauth/password/reset", ip);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.text("code")).isEqualTo("throttled");
		assertThat(limited.header("Retry-After")).isPresent();
		Response signUp = this.http.post("/jwt-allauth/registration")
			.header("X-Forwarded-For", ip)
			.json("{\"email\":\"new-" + UUID.randomUUID() + "@example.com\",\"password1\":\"Tr0ub4dor&3-horse\","
					+ "\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(signUp.status()).isEqualTo(429);
		assertThat(mailRequest("/jwt-allauth/password/reset", randomIp()).status()).isEqualTo(200);
	}

	private Response mailRequest(String path, String ip) {
		return this.http.post(path)
			.header("X-Forwarded-For", ip)
			.json("{\"email\":\"someone-" + UUID.randomUUID() + "@example.com\"}")
			.send();
	}

	// A fresh client for every call: the jdbc variants keep their buckets in long-lived
	// databases,
	// where a fixed address would still be spent by the previous run.
	static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("2001:db8:%x:%x::1", random.nextInt(0x10000), random.nextInt(0x10000));
	}

	private String account() {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, true));
		return email;
	}

	private Response login(String email, String password, String ip) {
		return this.http.post("/jwt-allauth/login")
			.header("X-Forwarded-For", ip)
			.json(TestUsers.loginJson(email, password))
			.send();
	}

}
