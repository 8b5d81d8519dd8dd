package io.github.jwtallauth.autoconfigure.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * GitHub as far as signing in with it goes, over real HTTP on the loopback address, laid
 * out as on GitHub Enterprise Server (the OAuth endpoints under {@code /login/oauth}, the
 * REST API under {@code /api/v3}) and answering with the JSON GitHub documents:
 * <ul>
 * <li>{@code POST /login/oauth/access_token}, the token endpoint of an OAuth app: it
 * authenticates {@link #CLIENT_ID} with {@link #CLIENT_SECRET} (HTTP Basic, or form
 * fields), takes a code {@link #authorize issued} for a user once, checks the redirect
 * URI and the PKCE verifier the code was issued with, and answers with an access token
 * and no ID token, as JSON (what GitHub sends to a client that accepts JSON, as Spring
 * Security's does). Errors are GitHub's {@code {"error": ...}} objects with status 200,
 * as GitHub sends them.</li>
 * <li>{@code GET /user} and {@code GET /user/emails}, at the root as on github.com and
 * under {@code /api/v3}, for the access tokens it issued and for {@link #TOKEN}, whose
 * answers tests may replace; any other token gets GitHub's 401 "Bad credentials".</li>
 * <li>{@code POST /form}, an endpoint that takes {@link #TOKEN} as a form field.</li>
 * </ul>
 * Each request is recorded as {@code METHOD path credential}. Register it as a JUnit
 * extension ({@code @RegisterExtension static final FakeGitHub gitHub = new
 * FakeGitHub();}) or close it when done; any method that needs the server starts it, and
 * starting again after a stop gives a new server on a new port.
 */
public final class FakeGitHub implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	/** An access token the API always answers for, as the user {@code octocat}. */
	public static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

	/** The client id of the OAuth app the token endpoint knows. */
	public static final String CLIENT_ID = "Iv1.8a61f9b3a7aba766";

	/** The client secret of the OAuth app the token endpoint knows. */
	public static final String CLIENT_SECRET = "fake-github-secret";

	/** The path of the token endpoint. */
	public static final String TOKEN_PATH = "/login/oauth/access_token";

	private static final String USER = """
			{
			  "login": "octocat",
			  "id": 12345,
			  "node_id": "MDQ6VXNlcjE=",
			  "avatar_url": "https://github.com/images/error/octocat_happy.gif",
			  "type": "User",
			  "site_admin": false,
			  "name": "monalisa octocat",
			  "company": "GitHub",
			  "email": "octocat@github.com",
			  "created_at": "2008-01-14T04:33:35Z"
			}""";

	private static final String EMAILS = """
			[{"email": "octocat@github.com", "verified": true, "primary": true, "visibility": "public"}]""";

	private static final String BAD_CREDENTIALS = """
			{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}""";

	private static final String SCOPE = "read:user,user:email";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, User> tokens = new ConcurrentHashMap<>();

	// the OAuth app each token was issued to, as GitHub's token check answers it
	private final Map<String, String> issuedTo = new ConcurrentHashMap<>(Map.of(TOKEN, CLIENT_ID));

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	private volatile int userStatus = 200;

	private volatile String user = USER;

	private volatile int emailsStatus = 200;

	private volatile String emails = EMAILS;

	private volatile boolean stall;

	/** Start the server, unless it runs already. */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.executor = Executors.newCachedThreadPool();
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Stop the server, if it runs; what it issued is forgotten. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
			this.executor = null;
			this.codes.clear();
			this.tokens.clear();
			this.issuedTo.keySet().removeIf((token) -> !TOKEN.equals(token));
			this.requests.clear();
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** The URL of a path at this server, such as {@code /api/v3/user}. */
	public synchronized String url(String path) {
		start();
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * A registration of this server as Spring Boot makes one for the registration id
	 * {@code github}: {@link CommonOAuth2Provider#GITHUB} with this server's endpoints.
	 * @param userInfoPath the path of the user endpoint, {@code /api/v3/user} or
	 * {@code /user}
	 * @return the registration
	 */
	public ClientRegistration registration(String userInfoPath) {
		return CommonOAuth2Provider.GITHUB.getBuilder("github")
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.authorizationUri(url("/login/oauth/authorize"))
			.tokenUri(url(TOKEN_PATH))
			.userInfoUri(url(userInfoPath))
			.build();
	}

	/**
	 * Have a user authorize the app, as GitHub's authorization page does: a code the
	 * token endpoint exchanges once for an access token of this user.
	 * @param login the user's login
	 * @param id the user's numeric id
	 * @param emails what {@code /user/emails} lists for the user
	 * @return the code
	 */
	public String authorize(String login, long id, List<Email> emails) {
		return authorize(login, id, emails, null, null);
	}

	/**
	 * Have a user authorize the app for a redirect URI, with a PKCE challenge.
	 * @param login the user's login
	 * @param id the user's numeric id
	 * @param emails what {@code /user/emails} lists for the user
	 * @param redirectUri the redirect URI the authorization request named, which the
	 * token request must name too when it names one, or {@code null}
	 * @param codeChallenge the S256 code challenge, or {@code null} for none
	 * @return the code
	 */
	public String authorize(String login, long id, List<Email> emails, @Nullable String redirectUri,
			@Nullable String codeChallenge) {
		start();
		String code = random(20);
		this.codes.put(code, new Grant(new User(login, id, emails), redirectUri, codeChallenge));
		return code;
	}

	/**
	 * An access token issued to a user, as the token endpoint would issue for an
	 * authorized code; the API answers for it.
	 * @param login the user's login
	 * @param id the user's numeric id
	 * @param emails what {@code /user/emails} lists for the user
	 * @return the token
	 */
	public String accessToken(String login, long id, List<Email> emails) {
		return issue(new User(login, id, emails));
	}

	/**
	 * An access token another OAuth app obtained from a user: the API answers for it, as
	 * GitHub's does for any app's token, but the token check of this app does not.
	 * @param login the user's login
	 * @param id the user's numeric id
	 * @param emails what {@code /user/emails} lists for the user
	 * @return the token
	 */
	public String accessTokenOfAnotherApp(String login, long id, List<Email> emails) {
		return issue(new User(login, id, emails), "Iv1.another-app");
	}

	/** The requests received since the start, as {@code METHOD path credential}. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/** Answer {@code /user} for {@link #TOKEN} with a status and body. */
	public void user(int status, String body) {
		this.userStatus = status;
		this.user = body;
	}

	/** Answer {@code /user/emails} for {@link #TOKEN} with a status and body. */
	public void emails(int status, String body) {
		this.emailsStatus = status;
		this.emails = body;
	}

	/** Answer {@code /user} with headers and the start of a body, then nothing. */
	public void stall() {
		this.stall = true;
	}

	private String issue(User user) {
		return issue(user, CLIENT_ID);
	}

	private String issue(User user, String clientId) {
		start();
		String token = "gho_" + random(36);
		this.tokens.put(token, user);
		this.issuedTo.put(token, clientId);
		return token;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		if (path.equals(TOKEN_PATH)) {
			token(exchange, method);
			return;
		}
		String check = path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
		if (check.startsWith("/applications/") && check.endsWith("/token")) {
			checkToken(exchange, method, path,
					check.substring("/applications/".length(), check.length() - "/token".length()));
			return;
		}
		if (path.equals("/form")) {
			String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(method + " " + path + " " + URLDecoder.decode(form, StandardCharsets.UTF_8));
			boolean ok = method.equals("POST") && form.equals("access_token=" + TOKEN);
			respond(exchange, ok ? 200 : 401, ok ? """
					{"sub": "form-user", "email": "form@example.com", "email_verified": true,
					 "given_name": "Form", "family_name": "User"}""" : BAD_CREDENTIALS);
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.requests.add(method + " " + path + " " + authorization);
		String resource = path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
		String token = (authorization != null && authorization.startsWith("Bearer "))
				? authorization.substring("Bearer ".length()) : "";
		User issuedTo = this.tokens.get(token);
		if (issuedTo != null) {
			api(exchange, resource, issuedTo);
		}
		else if (!TOKEN.equals(token)) {
			respond(exchange, 401, BAD_CREDENTIALS);
		}
		else if (resource.equals("/user") && this.stall) {
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			body.write("{\"id\": ".getBytes(StandardCharsets.UTF_8));
			body.flush();
			try {
				Thread.sleep(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		}
		else if (resource.equals("/user") && this.userStatus == 302) {
			// the server's own address: url() would start a server again once stopped
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/elsewhere");
			respond(exchange, 302, "");
		}
		else if (resource.equals("/user")) {
			respond(exchange, this.userStatus, this.user);
		}
		else if (resource.equals("/user/emails")) {
			respond(exchange, this.emailsStatus, this.emails);
		}
		else {
			respond(exchange, 404, "{\"message\": \"Not Found\"}");
		}
	}

	private void api(HttpExchange exchange, String resource, User user) throws IOException {
		if (resource.equals("/user")) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("login", user.login());
			body.put("id", user.id());
			body.put("type", "User");
			body.put("site_admin", false);
			body.put("name", user.login() + " Octocat");
			// the profile shows the address the user made public: here the verified
			// primary one
			body.put("email",
					user.emails()
						.stream()
						.filter((email) -> email.primary() && email.verified())
						.map(Email::email)
						.findFirst()
						.orElse(null));
			respond(exchange, 200, JSON.writeValueAsString(body));
		}
		else if (resource.equals("/user/emails")) {
			respond(exchange, 200,
					JSON.writeValueAsString(user.emails()
						.stream()
						.map((email) -> Map.of("email", email.email(), "verified", email.verified(), "primary",
								email.primary()))
						.toList()));
		}
		else {
			respond(exchange, 404, "{\"message\": \"Not Found\"}");
		}
	}

	/**
	 * GitHub's "check a token": {@code POST /applications/{client_id}/token}, the app's
	 * client id and secret as Basic credentials, the token in a JSON body; 200 with the
	 * token's user when the app issued it, 404 otherwise.
	 */
	private void checkToken(HttpExchange exchange, String method, String path, String clientId) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.requests.add(method + " " + path + " " + ((authorization != null) ? authorization.split(" ")[0] : null));
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!method.equals("POST") || !CLIENT_ID.equals(clientId) || !expected.equals(authorization)) {
			respond(exchange, 404, "{\"message\": \"Not Found\"}");
			return;
		}
		Object token = JSON.readValue(exchange.getRequestBody().readAllBytes(), Map.class).get("access_token");
		if (!(token instanceof String text) || !clientId.equals(this.issuedTo.get(text))) {
			respond(exchange, 404, "{\"message\": \"Not Found\"}");
			return;
		}
		User user = this.tokens.get(text);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("token", text);
		answer.put("app", Map.of("client_id", clientId));
		answer.put("user", (user != null) ? Map.of("login", user.login(), "id", user.id()) : Map.of("id", 12345));
		respond(exchange, 200, JSON.writeValueAsString(answer));
	}

	private void token(HttpExchange exchange, String method) throws IOException {
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String clientAuthentication = "none";
		String clientId = form.get("client_id");
		String clientSecret = form.get("client_secret");
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			clientAuthentication = "client_secret_basic";
			String[] credentials = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
					StandardCharsets.UTF_8)
				.split(":", 2);
			clientId = URLDecoder.decode(credentials[0], StandardCharsets.UTF_8);
			clientSecret = (credentials.length > 1) ? URLDecoder.decode(credentials[1], StandardCharsets.UTF_8) : null;
		}
		else if (clientSecret != null) {
			clientAuthentication = "client_secret_post";
		}
		this.requests.add(method + " " + TOKEN_PATH + " " + clientAuthentication
				+ (form.containsKey("code_verifier") ? " code_verifier" : ""));
		if (!method.equals("POST")) {
			respond(exchange, 404, "{\"error\": \"Not Found\"}");
			return;
		}
		if (!CLIENT_ID.equals(clientId) || !CLIENT_SECRET.equals(clientSecret)) {
			error(exchange, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
			return;
		}
		String grantType = form.get("grant_type");
		// a code is spent by any exchange that names it, answered or not
		Grant grant = (form.get("code") != null) ? this.codes.remove(form.get("code")) : null;
		if (grant == null || (grantType != null && !grantType.equals("authorization_code"))) {
			error(exchange, "bad_verification_code", "The code passed is incorrect or expired.");
			return;
		}
		String redirectUri = form.get("redirect_uri");
		if (grant.redirectUri() != null && redirectUri != null && !grant.redirectUri().equals(redirectUri)) {
			error(exchange, "redirect_uri_mismatch",
					"The redirect_uri MUST match the registered callback URL for this application.");
			return;
		}
		if (grant.codeChallenge() != null && !grant.codeChallenge().equals(challenge(form.get("code_verifier")))) {
			error(exchange, "bad_verification_code", "The code passed is incorrect or expired.");
			return;
		}
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("access_token", issue(grant.user()));
		answer.put("token_type", "bearer");
		answer.put("scope", SCOPE);
		answer(exchange, answer);
	}

	private static void error(HttpExchange exchange, String error, String description) throws IOException {
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("error", error);
		answer.put("error_description", description);
		answer.put("error_uri", "https://docs.github.com/apps/managing-oauth-apps/"
				+ "troubleshooting-oauth-app-access-token-request-errors/#" + error.replace('_', '-'));
		answer(exchange, answer);
	}

	private static void answer(HttpExchange exchange, Map<String, String> answer) throws IOException {
		respond(exchange, 200, JSON.writeValueAsString(answer));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				String name = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				form.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static @Nullable String challenge(@Nullable String verifier) {
		if (verifier == null) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String random(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * An address as {@code /user/emails} lists it.
	 *
	 * @param email the address
	 * @param verified whether the user confirmed it to GitHub
	 * @param primary whether it is the user's primary address
	 */
	public record Email(String email, boolean verified, boolean primary) {

		/** The user's primary address, verified. */
		public static Email primary(String email) {
			return new Email(email, true, true);
		}

		/** Another verified address. */
		public static Email verified(String email) {
			return new Email(email, true, false);
		}

		/** An address the user has not confirmed. */
		public static Email unverified(String email) {
			return new Email(email, false, false);
		}

	}

	private record User(String login, long id, List<Email> emails) {

		User {
			emails = List.copyOf(emails);
		}

	}

	private record Grant(User user, @Nullable String redirectUri, @Nullable String codeChallenge) {

	}

}
