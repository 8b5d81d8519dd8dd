package io.github.jwtallauth.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.Cookie;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.FuzzJson;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Fuzzes every request body the library reads: each POST and PATCH endpoint gets raw
 * fuzzed bytes or JSON (or a form) built from its fields with fuzzed values, without a
 * token, with a valid Bearer token and refresh cookie, or with fuzzed ones. Whatever
 * arrives, the answer is not a 5xx and no exception escapes the application. One
 * application context serves the whole run: H2, mail to the log, every feature on
 * (invitations, optional MFA, a social provider whose endpoints refuse connections), rate
 * limits off so that the fuzzer gets past them.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.MOCK,
		properties = { TestProperties.JWT_SECRET, "jwtallauth.rate-limit.enabled=false",
				"jwtallauth.registration.invitations=true", "jwtallauth.mfa.mode=optional",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"spring.security.oauth2.client.registration.acme.client-id=acme-client",
				"spring.security.oauth2.client.registration.acme.client-secret=acme-secret",
				"spring.security.oauth2.client.registration.acme.authorization-grant-type=authorization_code",
				"spring.security.oauth2.client.registration.acme.redirect-uri=https://app.example.com/callback",
				"spring.security.oauth2.client.registration.acme.scope=openid,email",
				"spring.security.oauth2.client.provider.acme.authorization-uri=http://127.0.0.1:9/authorize",
				"spring.security.oauth2.client.provider.acme.token-uri=http://127.0.0.1:9/token",
				"spring.security.oauth2.client.provider.acme.jwk-set-uri=http://127.0.0.1:9/jwks" })
class RequestBodyFuzzTests {

	/** Every endpoint that reads a body, with the fields it knows. */
	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("POST", "/login", "email", "password"),
			new Endpoint("POST", "/refresh", "refresh"), new Endpoint("POST", "/logout", "refresh"),
			new Endpoint("POST", "/logout-all"), new Endpoint("PATCH", "/user", "first_name", "last_name"),
			new Endpoint("POST", "/password/change", "old_password", "new_password1", "new_password2"),
			new Endpoint("POST", "/registration", "email", "password1", "password2", "first_name", "last_name"),
			new Endpoint("POST", "/registration/resend-verification", "email"),
			new Endpoint("POST", "/registration/user-register", "email", "role", "first_name", "last_name"),
			new Endpoint("POST", "/registration/set-password", "new_password1", "new_password2", "_csrf"),
			new Endpoint("POST", "/password/reset", "email"),
			new Endpoint("POST", "/password/reset/set-new", "new_password1", "new_password2", "_csrf"),
			new Endpoint("POST", "/mfa/setup", "setup_challenge_id"),
			new Endpoint("POST", "/mfa/activate", "code", "setup_challenge_id"),
			new Endpoint("POST", "/mfa/verify", "challenge_id", "code"),
			new Endpoint("POST", "/mfa/verify-recovery", "challenge_id", "recovery_code"),
			new Endpoint("POST", "/mfa/recovery-codes", "code"),
			new Endpoint("POST", "/mfa/deactivate", "password", "code"),
			new Endpoint("POST", "/social/{provider}/token", "id_token", "access_token", "client_id", "nonce"),
			new Endpoint("POST", "/social/{provider}/code", "code", "callback_url", "code_verifier", "client_id",
					"nonce"),
			new Endpoint("POST", "/social/{provider}/connect/token", "id_token", "access_token", "client_id", "nonce"),
			new Endpoint("POST", "/social/{provider}/connect/code", "code", "callback_url", "code_verifier",
					"client_id", "nonce"));

	private static final String[] CONTENT_TYPES = { "application/json", "application/json",
			"application/x-www-form-urlencoded", "application/json;charset=ISO-8859-1", "text/plain",
			"application/merge-patch+json", "multipart/form-data; boundary=x", "application/*", "" };

	private static final String[] COOKIES = { "refresh_token", "set_password_access_token",
			"password_reset_access_token" };

	private static final Pattern ACCESS = Pattern.compile("\"access\":\"([^\"]+)\"");

	@Autowired
	WebApplicationContext context;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	private MockMvc mvc;

	private UserAccount user;

	private String access;

	private String refresh;

	@FuzzTest
	void requestBodies(FuzzedDataProvider data) throws Exception {
		if (this.mvc == null) {
			this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
			this.user = new TestUsers(this.accounts, this.passwordEncoder).staff();
		}
		Endpoint endpoint = data.pickValue(ENDPOINTS);
		String path = "/jwt-allauth" + endpoint.path()
			.replace("{provider}", data.consumeBoolean() ? "acme" : FuzzJson.base64Url(data.consumeBytes(6)));
		int credentials = data.consumeInt(0, 2);
		String contentType = data.pickValue(CONTENT_TYPES);
		MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(endpoint.method()), path);
		if (!contentType.isEmpty()) {
			request.contentType(contentType);
		}
		if (credentials == 1) {
			signIn();
			request.header("Authorization", "Bearer " + this.access).cookie(new Cookie("refresh_token", this.refresh));
		}
		else if (credentials == 2) {
			request.header("Authorization",
					data.consumeBoolean() ? "Bearer " + data.consumeString(200) : data.consumeString(60));
			String cookie = FuzzJson.base64Url(data.consumeBytes(60));
			request.cookie(new Cookie(data.pickValue(COOKIES), cookie));
		}
		if (data.consumeBoolean()) {
			request.header("X-CSRF-TOKEN", data.consumeString(40));
		}
		byte[] body = switch (data.consumeInt(0, 3)) {
			case 0 -> data.consumeRemainingAsBytes();
			case 1 -> form(data, endpoint).getBytes(StandardCharsets.UTF_8);
			default -> new FuzzJson(data, endpoint.fields()).object(2).getBytes(StandardCharsets.UTF_8);
		};
		request.content(body);
		MockHttpServletResponse response;
		// the social endpoints call the provider, on a loopback port that refuses
		// connections
		try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, port) -> port == 9)) {
			response = this.mvc.perform(request).andReturn().getResponse();
		}
		if (response.getStatus() >= 500) {
			throw new AssertionError(response.getStatus() + " from " + endpoint.method() + " " + path + " for "
					+ new String(body, StandardCharsets.UTF_8) + ": " + response.getContentAsString());
		}
		// a successful sign-out, password change or MFA change ends the session the next
		// input would use
		if (credentials == 1 && response.getStatus() < 300 && !endpoint.path().startsWith("/user")) {
			this.access = null;
		}
	}

	private void signIn() throws Exception {
		if (this.access != null) {
			return;
		}
		MockHttpServletResponse login = this.mvc
			.perform(request(HttpMethod.POST, "/jwt-allauth/login").contentType("application/json")
				.content(TestUsers.loginJson(this.user)))
			.andReturn()
			.getResponse();
		Matcher matcher = ACCESS.matcher(login.getContentAsString());
		if (login.getStatus() != 200 || !matcher.find()) {
			throw new IllegalStateException("Login failed: " + login.getStatus() + " " + login.getContentAsString());
		}
		this.access = matcher.group(1);
		this.refresh = login.getCookie("refresh_token").getValue();
	}

	private static String form(FuzzedDataProvider data, Endpoint endpoint) {
		List<String> pairs = new ArrayList<>();
		int count = data.consumeInt(0, 5);
		for (int i = 0; i < count; i++) {
			String name = (endpoint.fields().isEmpty() || data.consumeInt(0, 5) == 0) ? data.consumeString(10)
					: data.pickValue(endpoint.fields());
			pairs.add(name + "=" + data.consumeString(40));
		}
		return String.join("&", pairs);
	}

	private record Endpoint(String method, String path, List<String> fields) {

		Endpoint(String method, String path, String... fields) {
			this(method, path, List.of(fields));
		}

	}

}
