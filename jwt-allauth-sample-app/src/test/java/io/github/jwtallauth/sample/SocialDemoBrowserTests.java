package io.github.jwtallauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code social-demo.html} in a real headless Chromium against a real OpenID Connect
 * provider (mock-oauth2-server, which signs the user in without a form and redirects
 * straight back with a code): the page starts the code flow with PKCE, posts the code to
 * jwt-allauth and shows the session it gets. Skipped, saying why, where Debian's
 * {@code chromium} and {@code chromium-driver} are not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SocialDemoBrowserTests {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JWTALLAUTH_TEST_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("JWTALLAUTH_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private static final String ISSUER = "demo";

	private static final String CLIENT_ID = "sample-demo-client";

	// the callback URL must be known before the application starts, to be the only one
	// allowed: the port is chosen here rather than by the server
	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	// localhost, not 127.0.0.1: the allowed callback URL is compared exactly
	private static final String PAGE = "http://localhost:" + PORT + "/social-demo.html";

	private static final MockOAuth2Server provider = new MockOAuth2Server();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	WebDriver browser;

	Path profile;

	@DynamicPropertySource
	static void registerProvider(DynamicPropertyRegistry registry) {
		provider.start();
		String registration = "spring.security.oauth2.client.registration.demo.";
		registry.add(registration + "client-id", () -> CLIENT_ID);
		registry.add(registration + "client-secret", () -> "sample-demo-secret");
		registry.add(registration + "client-name", () -> "Demo ID");
		registry.add(registration + "authorization-grant-type", () -> "authorization_code");
		registry.add(registration + "redirect-uri", () -> PAGE);
		registry.add(registration + "scope", () -> "openid,email,profile");
		registry.add("spring.security.oauth2.client.provider.demo.issuer-uri",
				() -> provider.issuerUrl(ISSUER).toString());
		registry.add("server.port", () -> PORT);
		registry.add("jwtallauth.social.callback-urls", () -> PAGE);
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@BeforeEach
	void startBrowser() throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Browser tests skipped: no Chromium at " + CHROMIUM + " or no ChromeDriver at " + CHROMEDRIVER
						+ " (install Debian's chromium and chromium-driver, as .ci/run does)");
		this.profile = Files.createTempDirectory("jwt-allauth-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// the flags the machine's own check uses: no background connections to a closed
		// network
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

	@Test
	void providerButtonWhenClickedThenThePageSignsInAndCallsTheApiWithTheAccessToken() {
		assertThat(this.port).isEqualTo(PORT);
		String email = "social-" + UUID.randomUUID() + "@example.com";
		this.browser.get(PAGE);
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("provider-demo")));
		assertThat(this.browser.findElement(By.id("config-help")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("provider-demo")).getText()).isEqualTo("Sign in with Demo ID");

		nextLogin("user-" + UUID.randomUUID(), email);
		this.browser.findElement(By.id("provider-demo")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("claims"), email));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hello"), "sub"));

		JsonNode claims = this.json.readTree(this.browser.findElement(By.id("claims")).getText());
		assertThat(claims.get("email").asString()).isEqualTo(email);
		assertThat(claims.get("role").asInt()).isZero();
		assertThat(claims.get("email_verified").asBoolean()).isTrue();
		String hello = this.browser.findElement(By.id("hello")).getText();
		assertThat(hello).startsWith("200");
		JsonNode helloBody = this.json.readTree(hello.substring(hello.indexOf('{')));
		assertThat(helloBody.get("sub").asString()).isEqualTo(claims.get("sub").asString());
		assertThat(this.browser.findElement(By.id("error")).isDisplayed()).isFalse();
		// the code has left the address bar, and the verifier the tab's storage
		assertThat(this.browser.getCurrentUrl()).isEqualTo(PAGE);
		assertThat(sessionStorageSize()).isZero();
	}

	@Test
	void answerWithAStateThisTabDidNotIssueThenRefusedAndItsCodeIsNeverPosted() throws Exception {
		// a valid code for someone else's account, as a forged link would carry it
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String code = authorizationCode(challenge(verifier));
		this.browser.get(PAGE + "?code=" + encode(code) + "&state=forged");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-code"), "state_mismatch"));
		assertThat(this.browser.findElement(By.id("session")).isDisplayed()).isFalse();
		assertThat(this.browser.getCurrentUrl()).isEqualTo(PAGE);

		// jwt-allauth accepts a code once: had the page posted it, this would be refused
		nextLogin("attacker-" + UUID.randomUUID(), "attacker-" + UUID.randomUUID() + "@example.com");
		HttpResponse<String> exchanged = post("/jwt-allauth/social/demo/code",
				Map.of("code", code, "callback_url", PAGE, "code_verifier", verifier), null);
		assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
		assertThat(this.json.readTree(exchanged.body()).get("access").asString()).isNotBlank();
	}

	@Test
	void accountWithASecondFactorWhenSignedInThenThePageAsksForTheCodeAndOpensTheSession() throws Exception {
		String subject = "user-" + UUID.randomUUID();
		String email = "mfa-" + UUID.randomUUID() + "@example.com";
		// the user signed in once, and enrolled an authenticator app
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String code = authorizationCode(challenge(verifier));
		nextLogin(subject, email);
		HttpResponse<String> first = post("/jwt-allauth/social/demo/code",
				Map.of("code", code, "callback_url", PAGE, "code_verifier", verifier), null);
		String access = this.json.readTree(first.body()).get("access").asString();
		String secret = this.json.readTree(post("/jwt-allauth/mfa/setup", Map.of(), access).body())
			.get("secret")
			.asString();
		long step = Totp.currentStep();
		assertThat(post("/jwt-allauth/mfa/activate", Map.of("code", Totp.code(secret, step)), access).statusCode())
			.isEqualTo(200);

		this.browser.get(PAGE);
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("provider-demo")));
		nextLogin(subject, email);
		this.browser.findElement(By.id("provider-demo")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-code")));
		assertThat(this.browser.findElement(By.id("session")).isDisplayed()).isFalse();

		// the activation spent this step's code: the next step's is within the window
		this.browser.findElement(By.id("mfa-code")).sendKeys(Totp.code(secret, step + 1));
		this.browser.findElement(By.id("mfa-submit")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("claims"), email));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hello"), "sub"));
		assertThat(this.browser.findElement(By.id("hello")).getText()).startsWith("200");
		assertThat(this.browser.findElement(By.id("mfa")).isDisplayed()).isFalse();
	}

	// the provider's next token answer is for this user, with an address it vouches for
	private static void nextLogin(String subject, String email) {
		provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, JOSEObjectType.JWT.getType(),
				List.of(CLIENT_ID), Map.of("email", email, "email_verified", true), 3600));
	}

	// what the provider redirects a browser back to the page with, read from its answer
	private static String authorizationCode(String challenge) throws Exception {
		String query = "response_type=code&client_id=" + encode(CLIENT_ID) + "&redirect_uri=" + encode(PAGE) + "&scope="
				+ encode("openid email") + "&state=s&nonce=n&code_challenge=" + encode(challenge)
				+ "&code_challenge_method=S256";
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(provider.authorizationEndpointUrl(ISSUER) + "?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(PAGE + "?");
		for (String parameter : URI.create(location).getRawQuery().split("&")) {
			if (parameter.startsWith("code=")) {
				return URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalStateException("No code in " + location);
	}

	private HttpResponse<String> post(String path, Map<String, String> body, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return OpenApiCheck
			.documented(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private long sessionStorageSize() {
		return (Long) ((ChromeDriver) this.browser).executeScript("return sessionStorage.length;");
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
