package io.github.jwtallauth.autoconfigure.flows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mail.BackgroundTasks;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

/**
 * What the account-flow tests share: a real SMTP server in the JVM that Boot's mail
 * sender talks to, a mailbox reader, a plain HTTP client, fresh addresses, and the mails
 * the application queued during the test, read from its outbox once the background
 * lookups have run.
 */
abstract class MailFlowTestSupport {

	static final int SMTP_PORT = freePort();

	static final String NEW_PASSWORD = "a brand new passphrase";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(true);

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	BackgroundTasks backgroundTasks;

	HttpTestClient http;

	Mailbox mailbox;

	// the last outbox row before the test: rows after it were queued by this test
	long outboxMark;

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@BeforeEach
	void setUpClients() {
		this.http = new HttpTestClient(this.port);
		this.mailbox = new Mailbox(smtp);
		// an earlier test's lookups, still waiting out their delay, would queue mail
		// during this one
		awaitBackgroundTasks();
		this.outboxMark = this.jdbc.queryForObject("select coalesce(max(id), 0) from jwt_allauth_mail_outbox",
				Long.class);
	}

	/**
	 * Wait until every background task the requests so far started (the reset and resend
	 * lookups) has run, so that any mail they were going to queue is in the outbox.
	 */
	void awaitBackgroundTasks() {
		Awaitility.await("background tasks to finish")
			.atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.backgroundTasks.getPendingCount() == 0);
	}

	/**
	 * The recipients of every mail queued since the test started, oldest first, once the
	 * application has finished the work that queues mail: whatever would be sent is here,
	 * delivered yet or not. A request that queues mail itself commits it before it
	 * answers; resets and resends queue it in a background task, which this waits for.
	 */
	List<String> queuedRecipients() {
		awaitBackgroundTasks();
		return this.jdbc.queryForList("select recipient from jwt_allauth_mail_outbox where id > ? order by id",
				String.class, this.outboxMark);
	}

	static String newAddress() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	/**
	 * A display-name address, unique per call, that a lenient parser would mail to
	 * {@code me-…@evil.io}.
	 */
	static String displayNameAddress() {
		return "victim-bank.com<me-" + UUID.randomUUID() + "@evil.io>";
	}

	/**
	 * How many stored accounts have an address containing a fragment, read straight from
	 * the table.
	 */
	long accountsWithAddressContaining(String fragment) {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_user where email like ?", Long.class,
				"%" + fragment + "%");
	}

	UserAccount userWithPassword(String email) {
		return this.accounts.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "Ada",
				"Lovelace", 0, true, true));
	}

	Response login(String email, String password) {
		return this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(email, password)).send();
	}

	Response refresh(String refreshToken) {
		return this.http.post("/jwt-allauth/refresh").cookie("refresh_token", refreshToken).send();
	}

	/**
	 * The Cookie header a browser would send back, from a response's Set-Cookie headers.
	 */
	static String cookies(Response response, String... names) {
		return Arrays.stream(names)
			.map((name) -> name + "=" + response.cookieValue(name)
				.orElseThrow(() -> new AssertionError("No cookie " + name + " in " + response.headers("Set-Cookie"))))
			.collect(Collectors.joining("; "));
	}

	static String json(String... pairs) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < pairs.length; i += 2) {
			if (i > 0) {
				json.append(',');
			}
			json.append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1]).append('"');
		}
		return json.append('}').toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
