package io.github.jwtallauth.autoconfigure.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in pages are reached from links that carry tokens and hold a password form:
 * each sends a strict same-origin Content-Security-Policy and carries no inline script or
 * style for it to allow, and the files they load are served without a token.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.password.reset-cookie.secure=false" })
class PagesSecurityHeadersTests extends MailFlowTestSupport {

	static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

	static final Pattern ATTRIBUTE = Pattern.compile("\\s(src|href)=\"([^\"]+)\"");

	@Test
	void resetFormWhenOpenedFromTheLinkThenStrictPolicyAndNoInlineCode() {
		String email = newAddress();
		userWithPassword(email);
		assertThat(this.http.post("/jwt-allauth/password/reset").json(json("email", email)).send().status())
			.isEqualTo(200);
		Response opened = this.http.get(this.mailbox.next(email, 0).linkPath()).send();
		Response form = this.http.get("/jwt-allauth/password/reset/default")
			.header("Cookie", cookies(opened, "password_reset_access_token", "XSRF-TOKEN"))
			.send();
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("id=\"password-form\"");
		assertStrictHeaders(form);
		assertNoInlineCode(form.body());
		List<String> loaded = loadedFiles(form.body());
		assertThat(loaded).anyMatch((path) -> path.endsWith(".js")).anyMatch((path) -> path.endsWith(".css"));
		for (String path : loaded) {
			assertThat(path).startsWith("/jwt-allauth/");
			Response file = this.http.get(path).send();
			assertThat(file.status()).as(path).isEqualTo(200);
			assertThat(file.header("Content-Type")).as(path)
				.hasValueSatisfying(
						(type) -> assertThat(type).startsWith(path.endsWith(".js") ? "text/javascript" : "text/css"));
			assertThat(file.header("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
	}

	@Test
	void messagePagesWhenShownThenStrictPolicyAndNoInlineCode() {
		for (String path : List.of("/jwt-allauth/password/reset/complete", "/jwt-allauth/password/reset/default",
				"/jwt-allauth/registration/verification/unknown-key", "/jwt-allauth/registration/verified",
				"/jwt-allauth/registration/set-password/default")) {
			Response page = this.http.get(path).send();
			assertThat(page.header("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertStrictHeaders(page);
			assertNoInlineCode(page.body());
		}
	}

	private static void assertStrictHeaders(Response page) {
		assertThat(page.header("Content-Security-Policy")).hasValue(POLICY);
		assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.header("Cache-Control")).hasValue("no-store");
	}

	private static void assertNoInlineCode(String html) {
		Matcher scripts = SCRIPT.matcher(html);
		while (scripts.find()) {
			assertThat(scripts.group(1)).as("a script element loads a file").contains("src=");
			assertThat(scripts.group(2)).as("a script element has no inline code").isBlank();
		}
		assertThat(html).doesNotContainPattern("(?i)<style\\b")
			.doesNotContainPattern("(?i)\\sstyle=")
			.doesNotContainPattern("(?i)\\son[a-z]+=")
			.doesNotContainPattern("(?i)javascript:");
	}

	private static List<String> loadedFiles(String html) {
		List<String> paths = new ArrayList<>();
		Matcher attributes = ATTRIBUTE.matcher(html);
		while (attributes.find()) {
			paths.add(attributes.group(2));
		}
		return paths;
	}

}
