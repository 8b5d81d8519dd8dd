/*
 * jwt-allauth soak load generator: a single-file program (JDK 17: java bench/Soak.java ...), started by
 * bench/soak.sh against a running sample app. It prepares users and sessions through the API, warms the
 * server up, measures it (heap after a full GC, threads, database connections), runs a mixed load for the
 * duration and reports each window, then measures again. It exits non-zero on any 5xx or transport error,
 * or when the heap after a full GC grew by more than the allowed ratio.
 *
 * Options (all --name=value): base (http://127.0.0.1:18182), pid (the app's pid, for jcmd and /proc),
 * duration (600s), warmup (60s), window (60s), threads (16), sessions (1000), users (40), mfa-users (8),
 * pghost (127.0.0.1), pguser (postgres), db (jwtallauth_soak), max-heap-growth (0.10).
 */

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Soak {

	static final String PASSWORD = "soak-Passphrase-7391!";

	static final Pattern REFRESH_COOKIE = Pattern.compile("refresh_token=([^;]*)");

	final Map<String, String> options;

	final String base;

	final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newFixedThreadPool(4))
		.build();

	final String runId = Long.toString(System.currentTimeMillis(), 36);

	final List<String> users = new ArrayList<>();

	final List<MfaUser> mfaUsers = new ArrayList<>();

	// the 1,000 sessions: a slot is taken by one worker at a time, so its refresh token is never replayed
	final ConcurrentLinkedQueue<Integer> freeSlots = new ConcurrentLinkedQueue<>();

	AtomicReferenceArray<String> refreshTokens;

	AtomicReferenceArray<String> accessTokens;

	// each window swaps this map; workers record under the read lock, the reporter swaps under the write one
	final ReentrantReadWriteLock windowLock = new ReentrantReadWriteLock();

	volatile Map<String, Samples> window = new ConcurrentHashMap<>();

	final Map<String, Samples> total = new ConcurrentHashMap<>();

	volatile boolean recording;

	volatile boolean paused;

	final AtomicInteger inFlight = new AtomicInteger();

	Soak(Map<String, String> options) {
		this.options = options;
		this.base = option("base", "http://127.0.0.1:18182");
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			Matcher matcher = Pattern.compile("--([a-z-]+)=(.*)").matcher(arg);
			if (!matcher.matches()) {
				System.err.println("unknown argument " + arg);
				System.exit(2);
			}
			options.put(matcher.group(1), matcher.group(2));
		}
		System.exit(new Soak(options).run());
	}

	String option(String name, String fallback) {
		return this.options.getOrDefault(name, fallback);
	}

	int intOption(String name, int fallback) {
		return Integer.parseInt(option(name, Integer.toString(fallback)));
	}

	static long seconds(String duration) {
		Matcher matcher = Pattern.compile("(\\d+)([smh]?)").matcher(duration.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a duration: " + duration);
		}
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "m" -> value * 60;
			case "h" -> value * 3600;
			default -> value;
		};
	}

	int run() throws Exception {
		long duration = seconds(option("duration", "600s"));
		long warmup = seconds(option("warmup", "60s"));
		long windowSeconds = seconds(option("window", "60s"));
		int threads = intOption("threads", 16);
		double maxHeapGrowth = Double.parseDouble(option("max-heap-growth", "0.10"));

		long setupStart = System.nanoTime();
		prepare(intOption("users", 40), intOption("mfa-users", 8), intOption("sessions", 1000), threads);
		System.out.printf(Locale.ROOT, "setup: %d users, %d with TOTP, %d sessions in %.0f s%n", this.users.size(),
				this.mfaUsers.size(), this.refreshTokens.length(), (System.nanoTime() - setupStart) / 1e9);

		ExecutorService workers = Executors.newFixedThreadPool(threads);
		AtomicLong stopAt = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup + duration + 3600));
		CountDownLatch done = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			workers.submit(() -> {
				try {
					while (System.nanoTime() < stopAt.get()) {
						if (this.paused) {
							Thread.sleep(20);
							continue;
						}
						this.inFlight.incrementAndGet();
						try {
							if (!this.paused) {
								operation();
							}
						}
						finally {
							this.inFlight.decrementAndGet();
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (RuntimeException ex) {
					ex.printStackTrace();
				}
				finally {
					done.countDown();
				}
			});
		}

		System.out.printf(Locale.ROOT, "warm-up: %d s of the same load, not recorded%n", warmup);
		Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
		Measurement start = pauseAndMeasure("start");

		this.window = new ConcurrentHashMap<>();
		this.recording = true;
		long loadStart = System.nanoTime();
		long end = loadStart + TimeUnit.SECONDS.toNanos(duration);
		int index = 0;
		long windowStart = loadStart;
		while (System.nanoTime() < end) {
			long windowEnd = Math.min(windowStart + TimeUnit.SECONDS.toNanos(windowSeconds), end);
			TimeUnit.NANOSECONDS.sleep(Math.max(0, windowEnd - System.nanoTime()));
			Map<String, Samples> finished = swapWindow();
			index++;
			report(String.format(Locale.ROOT, "window %d (%d-%d s)", index,
					TimeUnit.NANOSECONDS.toSeconds(windowStart - loadStart),
					TimeUnit.NANOSECONDS.toSeconds(windowEnd - loadStart)), finished);
			windowStart = windowEnd;
		}
		this.recording = false;
		Measurement endMeasurement = pauseAndMeasure("end");
		stopAt.set(0);
		this.paused = false;
		done.await(60, TimeUnit.SECONDS);
		workers.shutdownNow();

		report("whole run (" + duration + " s)", this.total);
		long serverErrors = this.total.values().stream().mapToLong((s) -> s.serverErrors).sum();
		long ioErrors = this.total.values().stream().mapToLong((s) -> s.ioErrors).sum();
		double growth = (start.heapUsedKb > 0) ? (endMeasurement.heapUsedKb - start.heapUsedKb) / (double) start.heapUsedKb
				: 0;
		System.out.printf(Locale.ROOT, "%nheap after full GC: start %d KiB, end %d KiB (%+.1f %%, limit +%.0f %%)%n",
				start.heapUsedKb, endMeasurement.heapUsedKb, growth * 100, maxHeapGrowth * 100);
		System.out.printf(Locale.ROOT, "threads: start %d, end %d%n", start.threads, endMeasurement.threads);
		System.out.printf(Locale.ROOT, "database connections (pg_stat_activity): start %d, end %d%n",
				start.dbConnections, endMeasurement.dbConnections);
		List<String> failures = new ArrayList<>();
		if (serverErrors > 0) {
			failures.add(serverErrors + " answers with a 5xx status");
		}
		if (ioErrors > 0) {
			failures.add(ioErrors + " requests failed without an answer");
		}
		if (start.heapUsedKb < 0 || endMeasurement.heapUsedKb < 0) {
			failures.add("the heap could not be measured (jcmd)");
		}
		else if (growth > maxHeapGrowth) {
			failures.add(String.format(Locale.ROOT, "heap after GC grew by %.1f %% (limit %.0f %%)", growth * 100,
					maxHeapGrowth * 100));
		}
		if (failures.isEmpty()) {
			System.out.println("RESULT: PASS");
			return 0;
		}
		System.out.println("RESULT: FAIL: " + String.join("; ", failures));
		return 1;
	}

	// ---- set-up through the API -------------------------------------------------------------------------

	void prepare(int userCount, int mfaCount, int sessions, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, threads / 2));
		try {
			List<Future<String>> registered = new ArrayList<>();
			for (int i = 0; i < userCount + mfaCount; i++) {
				String email = "soak-" + this.runId + "-" + i + "@example.com";
				registered.add(pool.submit(() -> {
					HttpResponse<String> answer = send("setup:registration", post("/jwt-allauth/registration",
							"{\"email\":\"" + email + "\",\"password1\":\"" + PASSWORD + "\",\"password2\":\""
									+ PASSWORD + "\"}"));
					expect(answer, 201, "registration of " + email);
					return email;
				}));
			}
			for (int i = 0; i < registered.size(); i++) {
				String email = registered.get(i).get();
				if (i < userCount) {
					this.users.add(email);
				}
				else {
					this.mfaUsers.add(enrol(email));
				}
			}
			this.refreshTokens = new AtomicReferenceArray<>(sessions);
			this.accessTokens = new AtomicReferenceArray<>(sessions);
			List<Future<?>> logins = new ArrayList<>();
			for (int i = 0; i < sessions; i++) {
				int slot = i;
				logins.add(pool.submit(() -> {
					login(slot, this.users.get(slot % this.users.size()), "setup:login");
					return null;
				}));
			}
			for (Future<?> login : logins) {
				login.get();
			}
			for (int i = 0; i < sessions; i++) {
				this.freeSlots.add(i);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	MfaUser enrol(String email) throws Exception {
		HttpResponse<String> login = send("setup:login", post("/jwt-allauth/login", credentials(email)));
		expect(login, 200, "login of " + email);
		String access = field(login.body(), "access");
		HttpResponse<String> setup = send("setup:mfa-setup",
				request("/jwt-allauth/mfa/setup").header("Authorization", "Bearer " + access)
					.POST(HttpRequest.BodyPublishers.noBody()));
		expect(setup, 200, "MFA setup of " + email);
		byte[] secret = base32(field(setup.body(), "secret"));
		long step = currentStep();
		HttpResponse<String> activate = send("setup:mfa-activate",
				request("/jwt-allauth/mfa/activate").header("Authorization", "Bearer " + access)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + totp(secret, step) + "\"}")));
		expect(activate, 200, "MFA activation of " + email);
		return new MfaUser(email, secret, new AtomicLong(step));
	}

	void login(int slot, String email, String label) throws IOException, InterruptedException {
		HttpResponse<String> answer = send(label, post("/jwt-allauth/login", credentials(email)));
		expect(answer, 200, "login of " + email);
		this.accessTokens.set(slot, field(answer.body(), "access"));
		this.refreshTokens.set(slot, refreshCookie(answer));
	}

	// ---- the mixed load ---------------------------------------------------------------------------------

	void operation() throws InterruptedException {
		int dice = ThreadLocalRandom.current().nextInt(100);
		try {
			if (dice < 40) {
				refresh();
			}
			else if (dice < 72) {
				hello();
			}
			else if (dice < 78) {
				loginAndLogout();
			}
			else if (dice < 84) {
				passwordReset();
			}
			else if (dice < 90) {
				if (!mfaVerification()) {
					hello();
				}
			}
			else {
				junk();
			}
		}
		catch (IOException ex) {
			// recorded by send(); the run fails on it
		}
	}

	void refresh() throws IOException, InterruptedException {
		Integer slot = this.freeSlots.poll();
		if (slot == null) {
			hello();
			return;
		}
		try {
			HttpResponse<String> answer = send("refresh", request("/jwt-allauth/refresh")
				.header("Cookie", "refresh_token=" + this.refreshTokens.get(slot))
				.POST(HttpRequest.BodyPublishers.noBody()), 200);
			if (answer.statusCode() == 200) {
				this.refreshTokens.set(slot, refreshCookie(answer));
				this.accessTokens.set(slot, field(answer.body(), "access"));
			}
			else if (answer.statusCode() == 401) {
				// should not happen; a fresh session keeps the slot usable
				login(slot, this.users.get(slot % this.users.size()), "login");
			}
		}
		finally {
			this.freeSlots.add(slot);
		}
	}

	void hello() throws IOException, InterruptedException {
		String access = this.accessTokens.get(ThreadLocalRandom.current().nextInt(this.accessTokens.length()));
		send("hello", request("/api/hello").header("Authorization", "Bearer " + access).GET(), 200);
	}

	void loginAndLogout() throws IOException, InterruptedException {
		String email = this.users.get(ThreadLocalRandom.current().nextInt(this.users.size()));
		HttpResponse<String> login = send("login", post("/jwt-allauth/login", credentials(email)), 200);
		if (login.statusCode() == 200) {
			send("logout", request("/jwt-allauth/logout")
				.header("Authorization", "Bearer " + field(login.body(), "access"))
				.header("Cookie", "refresh_token=" + refreshCookie(login))
				.POST(HttpRequest.BodyPublishers.noBody()), 200);
		}
	}

	void passwordReset() throws IOException, InterruptedException {
		// known and unknown addresses alike; 429 once an address's limit is reached is expected
		String email = ThreadLocalRandom.current().nextBoolean()
				? this.users.get(ThreadLocalRandom.current().nextInt(this.users.size()))
				: "nobody-" + ThreadLocalRandom.current().nextInt(1000) + "@example.com";
		send("password-reset", post("/jwt-allauth/password/reset", "{\"email\":\"" + email + "\"}"), 200, 429);
	}

	// A TOTP code is accepted once per user and 30-second step: a user whose code of this step is spent
	// waits for the next one, so only an available user is taken.
	boolean mfaVerification() throws IOException, InterruptedException {
		if (this.mfaUsers.isEmpty()) {
			return false;
		}
		long step = currentStep();
		int first = ThreadLocalRandom.current().nextInt(this.mfaUsers.size());
		for (int i = 0; i < this.mfaUsers.size(); i++) {
			MfaUser user = this.mfaUsers.get((first + i) % this.mfaUsers.size());
			long last = user.lastStep().get();
			if (last < step && user.lastStep().compareAndSet(last, step)) {
				HttpResponse<String> login = send("mfa-login", post("/jwt-allauth/login", credentials(user.email())),
						200);
				if (login.statusCode() != 200) {
					return true;
				}
				String challenge = field(login.body(), "challenge_id");
				HttpResponse<String> verified = send("mfa-verify", post("/jwt-allauth/mfa/verify",
						"{\"challenge_id\":\"" + challenge + "\",\"code\":\"" + totp(user.secret(), step) + "\"}"), 200);
				if (verified.statusCode() == 200) {
					send("logout", request("/jwt-allauth/logout")
						.header("Authorization", "Bearer " + field(verified.body(), "access"))
						.header("Cookie", "refresh_token=" + refreshCookie(verified))
						.POST(HttpRequest.BodyPublishers.noBody()), 200);
				}
				return true;
			}
		}
		return false;
	}

	static final String OVERSIZED = "{\"email\":\"" + "a".repeat(1024 * 1024) + "@example.com\",\"password\":\"x\"}";

	void junk() throws IOException, InterruptedException {
		switch (ThreadLocalRandom.current().nextInt(6)) {
			case 0 -> send("junk:malformed-json", post("/jwt-allauth/login", "{\"email\": \"a@b.c\", \"password\""),
					400);
			case 1 -> send("junk:bad-bearer",
					request("/api/hello").header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.bm90LWEtc2lnbmF0dXJl")
						.GET(),
					401);
			case 2 -> send("junk:oversized-body", post("/jwt-allauth/login", OVERSIZED), 400, 401, 413);
			case 3 -> send("junk:bad-refresh", request("/jwt-allauth/refresh").header("Cookie", "refresh_token=garbage")
				.POST(HttpRequest.BodyPublishers.noBody()), 401);
			case 4 -> send("junk:wrong-content-type",
					request("/jwt-allauth/login").header("Content-Type", "text/plain")
						.POST(HttpRequest.BodyPublishers.ofString("email=a@b.c")),
					415);
			default -> send("junk:wrong-password", post("/jwt-allauth/login",
					"{\"email\":\"" + this.users.get(0) + "\",\"password\":\"not the password\"}"), 401, 429);
		}
	}

	// ---- HTTP -------------------------------------------------------------------------------------------

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60));
	}

	HttpRequest.Builder post(String path, String json) {
		return request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	static String credentials(String email) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	HttpResponse<String> send(String endpoint, HttpRequest.Builder request, int... expected)
			throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<String> answer;
		try {
			answer = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			record(endpoint, -1, System.nanoTime() - start, expected);
			if (!endpoint.startsWith("setup:")) {
				System.err.println(endpoint + ": " + ex);
			}
			throw ex;
		}
		record(endpoint, answer.statusCode(), System.nanoTime() - start, expected);
		return answer;
	}

	void record(String endpoint, int status, long nanos, int[] expected) {
		if (!this.recording) {
			if (status >= 500 || status < 0) {
				// not in the windows, but never hidden
				this.total.computeIfAbsent("(set-up and warm-up) " + endpoint, Samples::new).add(status, nanos, true);
			}
			return;
		}
		boolean ok = expected.length == 0 || Arrays.stream(expected).anyMatch((e) -> e == status);
		this.windowLock.readLock().lock();
		try {
			this.window.computeIfAbsent(endpoint, Samples::new).add(status, nanos, ok);
		}
		finally {
			this.windowLock.readLock().unlock();
		}
		this.total.computeIfAbsent(endpoint, Samples::new).add(status, nanos, ok);
	}

	Map<String, Samples> swapWindow() {
		this.windowLock.writeLock().lock();
		try {
			Map<String, Samples> finished = this.window;
			this.window = new ConcurrentHashMap<>();
			return finished;
		}
		finally {
			this.windowLock.writeLock().unlock();
		}
	}

	static void expect(HttpResponse<String> answer, int status, String what) {
		if (answer.statusCode() != status) {
			throw new IllegalStateException(what + " answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	static String refreshCookie(HttpResponse<String> answer) {
		for (String cookie : answer.headers().allValues("set-cookie")) {
			Matcher matcher = REFRESH_COOKIE.matcher(cookie);
			if (cookie.startsWith("refresh_token=") && matcher.find() && !matcher.group(1).isEmpty()) {
				return matcher.group(1);
			}
		}
		throw new IllegalStateException("no refresh cookie in " + answer.headers().map());
	}

	static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return matcher.group(1);
	}

	// ---- TOTP (RFC 6238, SHA-1, 6 digits, 30 s) ----------------------------------------------------------

	static long currentStep() {
		return System.currentTimeMillis() / 1000 / 30;
	}

	static String totp(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		String clean = text.replace("=", "").toUpperCase(Locale.ROOT);
		byte[] out = new byte[clean.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int index = 0;
		for (char c : clean.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out[index++] = (byte) (buffer >> (bits - 8));
				bits -= 8;
			}
		}
		return out;
	}

	// ---- measurements -----------------------------------------------------------------------------------

	Measurement pauseAndMeasure(String label) throws Exception {
		this.paused = true;
		long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.inFlight.get() > 0 && System.nanoTime() < waitUntil) {
			Thread.sleep(10);
		}
		Measurement measurement = measure();
		System.out.printf(Locale.ROOT,
				"%s (load paused): heap after full GC %d KiB, threads %d, database connections %d, verified tokens cached %d%n",
				label, measurement.heapUsedKb, measurement.threads, measurement.dbConnections,
				measurement.cachedTokens);
		this.paused = false;
		return measurement;
	}

	Measurement measure() throws Exception {
		String pid = option("pid", "");
		long heap = -1;
		int threads = -1;
		long cachedTokens = -1;
		if (!pid.isEmpty()) {
			command("jcmd", pid, "GC.run");
			String info = command("jcmd", pid, "GC.heap_info");
			// G1: " garbage-first heap   total 524288K, used 81234K [...]"; other collectors print "used" too
			Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
			if (used.find()) {
				heap = Long.parseLong(used.group(1));
			}
			else {
				System.err.println("jcmd GC.heap_info said: " + info);
			}
			// the entries of the cache of verified access tokens: one key object each
			Matcher cached = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+\\S*VerifiedTokenCache\\$Digest\\b")
				.matcher(command("jcmd", pid, "GC.class_histogram"));
			cachedTokens = cached.find() ? Long.parseLong(cached.group(1)) : 0;
			for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
				if (line.startsWith("Threads:")) {
					threads = Integer.parseInt(line.substring(8).trim());
				}
			}
		}
		int connections = -1;
		String count = command("psql", "-h", option("pghost", "127.0.0.1"), "-U", option("pguser", "postgres"), "-d",
				"postgres", "-qAt", "-c", "select count(*) from pg_stat_activity where datname = '"
						+ option("db", "jwtallauth_soak").replace("'", "''") + "'");
		try {
			connections = Integer.parseInt(count.trim());
		}
		catch (NumberFormatException ex) {
			System.err.println("psql said: " + count);
		}
		return new Measurement(heap, threads, connections, cachedTokens);
	}

	static String command(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(120, TimeUnit.SECONDS);
		return output;
	}

	record Measurement(long heapUsedKb, int threads, int dbConnections, long cachedTokens) {
	}

	record MfaUser(String email, byte[] secret, AtomicLong lastStep) {
	}

	// ---- reporting --------------------------------------------------------------------------------------

	static final class Samples {

		final String endpoint;

		long[] nanos = new long[1024];

		int count;

		long serverErrors;

		long ioErrors;

		long unexpected;

		final TreeMap<Integer, Long> statuses = new TreeMap<>();

		Samples(String endpoint) {
			this.endpoint = endpoint;
		}

		synchronized void add(int status, long latency, boolean expected) {
			if (this.count == this.nanos.length) {
				this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
			}
			this.nanos[this.count++] = latency;
			this.statuses.merge(status, 1L, Long::sum);
			if (status >= 500) {
				this.serverErrors++;
			}
			if (status < 0) {
				this.ioErrors++;
			}
			if (!expected) {
				this.unexpected++;
			}
		}

		synchronized double percentile(double p) {
			if (this.count == 0) {
				return 0;
			}
			long[] sorted = Arrays.copyOf(this.nanos, this.count);
			Arrays.sort(sorted);
			int index = (int) Math.ceil(p * this.count) - 1;
			return sorted[Math.max(0, Math.min(index, this.count - 1))] / 1e6;
		}

	}

	static void report(String title, Map<String, Samples> samples) {
		long requests = samples.values().stream().mapToLong((s) -> s.count).sum();
		long serverErrors = samples.values().stream().mapToLong((s) -> s.serverErrors).sum();
		long ioErrors = samples.values().stream().mapToLong((s) -> s.ioErrors).sum();
		long unexpected = samples.values().stream().mapToLong((s) -> s.unexpected).sum();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n%s: %d requests, 5xx %d, transport errors %d, unexpected status %d%n",
				title, requests, serverErrors, ioErrors, unexpected));
		out.append(String.format(Locale.ROOT, "  %-26s %8s %9s %9s  %s%n", "endpoint", "count", "p50 ms", "p99 ms",
				"statuses"));
		new TreeMap<>(samples).forEach((name, s) -> {
			synchronized (s) {
				out.append(String.format(Locale.ROOT, "  %-26s %8d %9.1f %9.1f  %s%n", name, s.count,
						s.percentile(0.50), s.percentile(0.99), s.statuses));
			}
		});
		System.out.print(out);
		System.out.flush();
	}

}
