package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication.RecordedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away while clients log in and refresh, and comes back: the
 * application reaches it through a TCP proxy in the test that cuts every connection and
 * refuses new ones for a few seconds. Every answer of jwt-allauth's endpoints meanwhile
 * is a 503 {@code unavailable} problem, never a 500; requests with an access token go on
 * (their path needs no database); afterwards the same application serves again, every
 * client's latest refresh token still works and no session was revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseOutageTests {

	private static final Pattern HOST_AND_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^/:]+):(\\d+)(/.*)$");

	private static final int CLIENTS = 4;

	private PrivateDatabase database;

	private TcpProxy proxy;

	private final String applicationName = "jwtallauth-outage-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<AppInstance> started = new ArrayList<>();

	abstract PrivateDatabase createDatabase();

	/** Driver parameters that keep a connection attempt or a read from hanging. */
	abstract String timeouts();

	/**
	 * Drop the application's connections on the server side as well, or do nothing where
	 * the database has no such statement at hand.
	 */
	abstract void terminateBackends(String applicationName);

	PrivateDatabase database() {
		return this.database;
	}

	@BeforeAll
	void startProxy() throws IOException {
		this.database = createDatabase();
		Matcher url = HOST_AND_PORT.matcher(this.database.url());
		assertThat(url.matches()).as(this.database.url()).isTrue();
		this.proxy = new TcpProxy(url.group(2), Integer.parseInt(url.group(3)));
	}

	@AfterEach
	void stopApplications() {
		// the next test's lost commit answer must be that of its own application
		this.proxy.keepCommitAnswers();
		for (AppInstance instance : this.started) {
			instance.close();
		}
		this.started.clear();
	}

	@AfterAll
	void stopAll() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	AppInstance start(String gracePeriod) {
		return start(gracePeriod, Map.of());
	}

	AppInstance start(String gracePeriod, Map<String, Object> more) {
		Matcher url = HOST_AND_PORT.matcher(this.database.url());
		assertThat(url.matches()).isTrue();
		String proxied = url.group(1) + "127.0.0.1:" + this.proxy.port() + url.group(4);
		proxied += (proxied.contains("?") ? "&" : "?") + timeouts();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", proxied);
		if (this.database.username() != null) {
			properties.put("spring.datasource.username", this.database.username());
			properties.put("spring.datasource.password", this.database.password());
		}
		properties.put("spring.datasource.hikari.connection-timeout", "1500");
		properties.put("spring.datasource.hikari.validation-timeout", "1000");
		properties.put("jwtallauth.refresh-cookie.enabled", "false");
		properties.put("jwtallauth.sessions.reuse-grace-period", gracePeriod);
		properties.putAll(more);
		AppInstance instance = AppInstance.start("outage-" + gracePeriod, properties);
		this.started.add(instance);
		return instance;
	}

	String applicationName() {
		return this.applicationName;
	}

	@Test
	void loadWhenTheDatabaseGoesAwayAndComesBackThen503MeanwhileAndNoSessionLost() throws Exception {
		AppInstance app = start("30s");
		RecordedEvents events = app.bean(RecordedEvents.class);
		List<UserAccount> users = new ArrayList<>();
		Map<Integer, String> latest = new ConcurrentHashMap<>();
		for (int client = 0; client < CLIENTS; client++) {
			UserAccount user = app.users().user();
			users.add(user);
			latest.put(client, app.login(user.getEmail(), TestUsers.PASSWORD).text("refresh"));
		}
		UserAccount loginUser = app.users().user();
		String access = app.login(loginUser.getEmail(), TestUsers.PASSWORD).text("access");
		int sessionsOfLoginUserBefore = sessions(app, loginUser);
		events.clear();

		AtomicBoolean running = new AtomicBoolean(true);
		AtomicBoolean outage = new AtomicBoolean();
		List<String> unexpected = new CopyOnWriteArrayList<>();
		AtomicInteger unavailable = new AtomicInteger();
		AtomicInteger unavailableLogins = new AtomicInteger();
		AtomicInteger rotatedAfterOutage = new AtomicInteger();
		AtomicInteger authenticatedDuringOutage = new AtomicInteger();
		AtomicInteger loginsAfterOutage = new AtomicInteger();
		AtomicBoolean over = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 2);
		List<Future<?>> load = new ArrayList<>();
		for (int client = 0; client < CLIENTS; client++) {
			int id = client;
			load.add(threads.submit(() -> {
				while (running.get()) {
					Response answer = app.refresh(latest.get(id));
					if (answer.status() == 200) {
						latest.put(id, answer.text("refresh"));
						if (over.get()) {
							rotatedAfterOutage.incrementAndGet();
						}
					}
					else if (isUnavailable(answer)) {
						unavailable.incrementAndGet();
					}
					else {
						unexpected.add("refresh: " + answer);
					}
					pause(20);
				}
				return null;
			}));
		}
		load.add(threads.submit(() -> {
			while (running.get()) {
				Response answer = app.login(loginUser.getEmail(), TestUsers.PASSWORD);
				if (answer.status() == 200) {
					if (over.get()) {
						loginsAfterOutage.incrementAndGet();
					}
				}
				else if (isUnavailable(answer)) {
					unavailableLogins.incrementAndGet();
				}
				else {
					unexpected.add("login: " + answer);
				}
				pause(50);
			}
			return null;
		}));
		load.add(threads.submit(() -> {
			while (running.get()) {
				Response answer = app.http.get("/api/hello").bearer(access).send();
				if (answer.status() != 200) {
					unexpected.add("authenticated request: " + answer);
				}
				else if (outage.get()) {
					authenticatedDuringOutage.incrementAndGet();
				}
				pause(20);
			}
			return null;
		}));
		try {
			pause(1500);
			outage.set(true);
			this.proxy.cut();
			pause(4000);
			outage.set(false);
			this.proxy.restore();
			pause(1500);
			// the server side drops the connections too; the pool replaces them
			terminateBackends(this.applicationName);
			pause(1500);
			over.set(true);
			pause(2000);
		}
		finally {
			running.set(false);
			for (Future<?> future : load) {
				future.get(60, TimeUnit.SECONDS);
			}
			threads.shutdownNow();
		}

		assertThat(unexpected).isEmpty();
		assertThat(unavailable.get()).as("refreshes answered 503 during the outage").isPositive();
		assertThat(unavailableLogins.get()).as("logins answered 503 during the outage").isPositive();
		assertThat(this.proxy.refused()).as("connection attempts refused during the outage").isPositive();
		assertThat(authenticatedDuringOutage.get()).isPositive();
		// served again by the same application, without a restart
		assertThat(rotatedAfterOutage.get()).isPositive();
		assertThat(loginsAfterOutage.get()).isPositive();
		// every client's latest token still works: no rotation answered 200 was lost, no
		// session ended
		for (int client = 0; client < CLIENTS; client++) {
			Response refreshed = app.refresh(latest.get(client));
			assertThat(refreshed.status()).as("client %d: %s", client, refreshed).isEqualTo(200);
			assertThat(sessions(app, users.get(client))).isOne();
		}
		assertThat(sessions(app, loginUser)).isGreaterThan(sessionsOfLoginUserBefore);
		assertThat(events.all()).noneMatch(RefreshTokenReuseDetectedEvent.class::isInstance);
	}

	@Test
	void refreshWhenTheCommitIsAcknowledgedNeverThenWithinTheGracePeriodTheRetryGetsTheSuccessor() {
		AppInstance app = start("30s");
		UserAccount user = app.users().user();
		String refresh = app.login(user.getEmail(), TestUsers.PASSWORD).text("refresh");
		this.proxy.loseNextCommitAnswer();
		Response lost = app.refresh(refresh);
		assertThat(this.proxy.lostCommitAnswers()).isOne();
		assertThat(isUnavailable(lost)).as(lost.toString()).isTrue();
		// the rotation did commit: the client holds the token it sent, now the previous
		// one
		assertThat(app.jdbc()
			.queryForObject("select count(*) from jwt_allauth_session where user_id = ? and previous_jti is not null",
					Integer.class, user.getId()))
			.isOne();
		Response retried = app.refresh(refresh);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
		assertThat(app.refresh(retried.text("refresh")).status()).isEqualTo(200);
		assertThat(sessions(app, user)).isOne();
	}

	@Test
	void refreshWhenTheCommitIsAcknowledgedNeverAndNoGracePeriodThenTheRetryLooksLikeAReplay() {
		AppInstance app = start("0s");
		UserAccount user = app.users().user();
		String refresh = app.login(user.getEmail(), TestUsers.PASSWORD).text("refresh");
		this.proxy.loseNextCommitAnswer();
		Response lost = app.refresh(refresh);
		assertThat(isUnavailable(lost)).as(lost.toString()).isTrue();
		// documented: without a grace period, the server cannot tell this retry from a
		// stolen token's replay, and ends the session
		Response retried = app.refresh(refresh);
		assertThat(retried.status()).isEqualTo(401);
		assertThat(retried.text("code")).isEqualTo("token_not_valid");
		assertThat(sessions(app, user)).isZero();
	}

	@Test
	void authenticatedRequestWhenTheSessionCheckCannotReachTheDatabaseThen503NotA401() {
		AppInstance app = start("0s", Map.of("jwtallauth.jwt.access-session-check", "true"));
		UserAccount user = app.users().user();
		String access = app.login(user.getEmail(), TestUsers.PASSWORD).text("access");
		assertThat(app.http.get("/api/hello").bearer(access).send().status()).isEqualTo(200);
		this.proxy.cut();
		try {
			Response answer = app.http.get("/api/hello").bearer(access).send();
			// neither accepted nor refused: a 401 would make the client drop a good
			// session
			assertThat(isUnavailable(answer)).as(answer.toString()).isTrue();
		}
		finally {
			this.proxy.restore();
		}
		assertThat(app.http.get("/api/hello").bearer(access).send().status()).isEqualTo(200);
	}

	private static boolean isUnavailable(Response answer) {
		return answer.status() == 503 && "unavailable".equals(answer.text("code"))
				&& answer.header("Content-Type").orElse("").startsWith("application/problem+json")
				&& !answer.body().contains("Exception") && !answer.body().contains("\tat ");
	}

	private static int sessions(AppInstance app, UserAccount user) {
		return app.jdbc()
			.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class, user.getId());
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
