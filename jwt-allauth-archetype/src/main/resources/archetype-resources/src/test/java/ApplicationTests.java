package ${package};

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application on the test database (in-memory H2, see
 * {@code src/test/resources/config/application.yml}): the bootstrap administrator logs in
 * with jwt-allauth's endpoint and calls the application's own with the access token, signed
 * with the ES256 key pair that {@link KeyPairInitializer} created.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApplicationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void loginThenCallTheApiWithTheAccessToken() throws Exception {
		String body = this.mvc
			.perform(post("/jwt-allauth/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"archetype-admin@example.com\", \"password\": \"test-admin-password-42\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String access = JsonPath.read(body, "$.access");
		this.mvc.perform(get("/api/staff").header("Authorization", "Bearer " + access))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value(startsWith("Hello, staff member ")));
		this.mvc.perform(get("/api/hello").header("Authorization", "Bearer " + access))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value(1000));
		this.mvc.perform(get("/api/hello").header("Authorization", "Bearer not-a-token"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void publicKeysArePublishedForOtherServices() throws Exception {
		this.mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.keys[0].kty").value("EC"))
			.andExpect(jsonPath("$.keys[0].crv").value("P-256"));
	}

}
