package io.github.jwtallauth.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the sample application as a client would, over real HTTP, with its own
 * zero-configuration start: generated development key, H2, bootstrap administrator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void clientWalksThroughPublicLoginHelloStaffRefreshAndLogout() throws Exception {
		HttpResponse<String> publicResponse = get("/api/public", null);
		assertThat(publicResponse.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(publicResponse.body()).has("message")).isTrue();

		HttpResponse<String> anonymous = get("/api/hello", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(anonymous.body()).get("code").asString()).isEqualTo("not_authenticated");

		// the administrator from application.yml is staff
		HttpResponse<String> adminLogin = post("/jwt-allauth/login",
				"{\"email\":\"admin@example.com\",\"password\":\"change-me-please\"}", null, null);
		assertThat(adminLogin.statusCode()).isEqualTo(200);
		String adminAccess = this.json.readTree(adminLogin.body()).get("access").asString();
		JsonNode hello = this.json.readTree(get("/api/hello", adminAccess).body());
		assertThat(hello.get("role").asInt()).isEqualTo(1000);
		assertThat(hello.get("authorities").get(0).asString()).isEqualTo("ROLE_STAFF");
		assertThat(get("/api/staff", adminAccess).statusCode()).isEqualTo(200);

		// a user who signs up is logged in at once, but is not staff
		String email = "reader-" + UUID.randomUUID() + "@example.com";
		HttpResponse<String> signUp = post("/jwt-allauth/registration",
				"{\"email\":\"" + email + "\",\"password1\":\"a-long-passphrase\",\"password2\":\"a-long-passphrase\"}",
				null, null);
		assertThat(signUp.statusCode()).isEqualTo(201);
		String userAccess = this.json.readTree(signUp.body()).get("access").asString();
		assertThat(get("/api/hello", userAccess).statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = get("/api/staff", userAccess);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(forbidden.body()).get("code").asString()).isEqualTo("permission_denied");

		String refresh = cookie(signUp, "refresh_token");
		HttpResponse<String> refreshed = post("/jwt-allauth/refresh", "", null, "refresh_token=" + refresh);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String rotated = cookie(refreshed, "refresh_token");
		assertThat(rotated).isNotEqualTo(refresh);

		HttpResponse<String> logout = post("/jwt-allauth/logout", "", userAccess, "refresh_token=" + rotated);
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(post("/jwt-allauth/refresh", "", null, "refresh_token=" + rotated).statusCode()).isEqualTo(401);
	}

	@Test
	void userEnrolsAnAuthenticatorAndLogsInWithACode() throws Exception {
		String email = "mfa-" + UUID.randomUUID() + "@example.com";
		String password = "a-long-passphrase";
		HttpResponse<String> signUp = post("/jwt-allauth/registration",
				"{\"email\":\"" + email + "\",\"password1\":\"" + password + "\",\"password2\":\"" + password + "\"}",
				null, null);
		String access = this.json.readTree(signUp.body()).get("access").asString();
		JsonNode setup = this.json.readTree(post("/jwt-allauth/mfa/setup", "", access, null).body());
		String secret = setup.get("secret").asString();
		assertThat(setup.get("qr_code").asString()).startsWith("<?xml").contains("<svg");
		long step = Totp.currentStep();
		HttpResponse<String> activated = post("/jwt-allauth/mfa/activate",
				"{\"code\":\"" + Totp.code(secret, step) + "\"}", access, null);
		assertThat(activated.statusCode()).isEqualTo(200);
		JsonNode recovery = this.json.readTree(activated.body()).get("recovery_codes");
		assertThat(recovery).hasSize(10);

		HttpResponse<String> login = post("/jwt-allauth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null, null);
		JsonNode challenge = this.json.readTree(login.body());
		assertThat(challenge.get("mfa_required").asBoolean()).isTrue();
		// the activation used this step's code: the next step's code is within the window
		// and unused
		HttpResponse<String> verified = post("/jwt-allauth/mfa/verify", "{\"challenge_id\":\""
				+ challenge.get("challenge_id").asString() + "\",\"code\":\"" + Totp.code(secret, step + 1) + "\"}",
				null, null);
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(get("/api/hello", this.json.readTree(verified.body()).get("access").asString()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void socialDemoWhenNoProviderIsConfiguredThenThePageIsPublicAndListsNone() throws Exception {
		HttpResponse<String> page = get("/social-demo.html", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"config-help\"");
		HttpResponse<String> providers = get("/api/social-demo/providers", null);
		assertThat(providers.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(providers.body()).isArray()).isTrue();
		assertThat(this.json.readTree(providers.body())).isEmpty();
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return OpenApiCheck.documented(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private HttpResponse<String> post(String path, String body, String bearer, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return OpenApiCheck.documented(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private static String cookie(HttpResponse<String> response, String name) {
		String header = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith(name + "="))
			.findFirst()
			.orElseThrow();
		return header.substring(name.length() + 1, header.indexOf(';'));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
