package io.github.jwtallauth.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.github.jwtallauth.autoconfigure.token.TokenSubject;
import io.github.jwtallauth.test.JwtAllAuthTestTokens;
import io.github.jwtallauth.test.WithJwtAllAuthUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The application's own endpoints over real HTTP, with access tokens signed by the
 * running application (no login), and through MockMvc in the same full context, where
 * jwt-allauth's own principal resolver is present too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ApiControllerHttpTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JwtAllAuthTestTokens tokens;

	@Autowired
	MockMvc mvc;

	@Test
	void staffWhenTokenOfStaffThenGreeted() throws Exception {
		String token = this.tokens.accessToken(new TokenSubject("42", 1000, true, Map.of("email", "a@example.com")));
		HttpResponse<String> hello = call("/api/hello", token);
		assertThat(hello.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(hello.body());
		assertThat(body.get("sub").asString()).isEqualTo("42");
		assertThat(body.get("authorities").get(0).asString()).isEqualTo("ROLE_STAFF");
		assertThat(call("/api/staff", token).statusCode()).isEqualTo(200);
	}

	@Test
	void staffWhenTokenOfOrdinaryUserThenForbiddenProblem() throws Exception {
		HttpResponse<String> forbidden = call("/api/staff", this.tokens.accessToken("7"));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(forbidden.body()).get("code").asString()).isEqualTo("permission_denied");
	}

	@Test
	void helloWhenTokenSignedElsewhereThenUnauthenticated() throws Exception {
		String token = this.tokens.accessToken("7");
		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		assertThat(call("/api/hello", tampered).statusCode()).isEqualTo(401);
	}

	@Test
	@WithMockUser(username = "alice", roles = "STAFF")
	void helloWhenMockUserInFullContextThenResolvedAheadOfTheLibrarysRefusal() throws Exception {
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("alice"))
			.andExpect(jsonPath("$.role").value(1000));
	}

	@Test
	@WithJwtAllAuthUser(subject = "7", role = 0)
	void staffWhenTestUserInFullContextThenJwtAllAuthsProblemAnswer() throws Exception {
		this.mvc.perform(get("/api/staff"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("permission_denied"));
		this.mvc.perform(get("/api/hello")).andExpect(status().isOk()).andExpect(jsonPath("$.sub").value("7"));
	}

	private HttpResponse<String> call(String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
