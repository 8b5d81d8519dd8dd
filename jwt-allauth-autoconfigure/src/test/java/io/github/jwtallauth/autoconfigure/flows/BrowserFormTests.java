package io.github.jwtallauth.autoconfigure.flows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.util.FileSystemUtils;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in reset and set-password forms in a real headless Chromium: follow the
 * mailed link, type the passwords, see the field error, submit, see the done page, log in
 * with the new password. Skipped, saying why, where Debian's {@code chromium} and
 * {@code chromium-driver} are not installed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.registration.invitations=true", "jwtallauth.password.reset-cookie.secure=false",
				"jwtallauth.password.set-cookie.secure=false", "jwtallauth.refresh-cookie.secure=false" })
class BrowserFormTests extends MailFlowTestSupport {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JWTALLAUTH_TEST_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("JWTALLAUTH_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	WebDriver browser;

	Path profile;

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
	void resetFormWhenTypedInABrowserThenFieldErrorsShowAndTheNewPasswordWorks() {
		String email = newAddress();
		userWithPassword(email);
		assertThat(this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send().status())
			.isEqualTo(200);
		this.browser.get("http://127.0.0.1:" + this.port + this.mailbox.next(email, 0).linkPath());
		assertThat(this.browser.getCurrentUrl()).endsWith("/jwt-allauth/password/reset/default");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Choose a new password");

		type("new_password1", NEW_PASSWORD);
		type("new_password2", "not the same passphrase");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-field=new_password2]"),
				"didn’t match"));

		type("new_password2", NEW_PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.urlContains("/jwt-allauth/password/reset/complete"));
		assertThat(this.browser.findElement(By.id("message")).getText())
			.isEqualTo("Your password has been set. You may go ahead and log in now.");
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(login(email, TestUsers.PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void setPasswordFormWhenTypedInABrowserThenTheInviteeCanLogIn() {
		String staff = newAddress();
		this.accounts
			.create(new NewAccount(staff, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 1000, true, true));
		String email = newAddress();
		assertThat(this.http.post("/jwt-allauth/registration/user-register")
			.bearer(login(staff, TestUsers.PASSWORD).text("access"))
			.json("{\"email\":\"" + email + "\",\"role\":0}")
			.send()
			.status()).isEqualTo(201);
		this.browser.get("http://127.0.0.1:" + this.port + this.mailbox.next(email, 0).linkPath());
		assertThat(this.browser.getCurrentUrl()).endsWith("/jwt-allauth/registration/set-password/default");

		type("new_password1", "12345678");
		type("new_password2", "12345678");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-field=new_password2]"),
				"entirely numeric"));

		type("new_password1", NEW_PASSWORD);
		type("new_password2", NEW_PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done-message")));
		assertThat(this.browser.findElement(By.id("done-message")).getText())
			.isEqualTo("Your password has been set. You may go ahead and log in now.");
		assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void resetFormWhenOpenedWithoutALinkThenItSaysTheLinkIsInvalid() {
		this.browser.get("http://127.0.0.1:" + this.port + "/jwt-allauth/password/reset/default");
		assertThat(this.browser.findElement(By.id("invalid-link")).getText()).contains("invalid");
		assertThat(this.browser.findElements(By.tagName("form"))).isEmpty();
	}

	private void type(String field, String text) {
		var input = this.browser.findElement(By.name(field));
		input.clear();
		input.sendKeys(text);
	}

}
