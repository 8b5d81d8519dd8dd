package ${package};

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import io.github.jwtallauth.test.WithJwtAllAuthUser;

import static io.github.jwtallauth.test.JwtAllAuthRequestPostProcessor.jwtAllAuth;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The controller and the security rules in a {@code @WebMvcTest} slice, with jwt-allauth's
 * test users: no database, no token.
 */
@WebMvcTest(ApiController.class)
@Import(SecurityConfiguration.class)
class ApiControllerWebMvcTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithJwtAllAuthUser(subject = "42", role = 1000, emailVerified = true)
	void helloWhenUserThenSubjectAndRoleFromTheToken() throws Exception {
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("42"))
			.andExpect(jsonPath("$.role").value(1000))
			.andExpect(jsonPath("$.email_verified").value(true));
	}

	@Test
	void staffWhenStaffThenGreetedAndWhenOrdinaryUserThenForbidden() throws Exception {
		this.mvc.perform(get("/api/staff").with(jwtAllAuth().subject("42").role(1000)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value("Hello, staff member 42."));
		this.mvc.perform(get("/api/staff").with(jwtAllAuth().subject("7").role(0))).andExpect(status().isForbidden());
	}

	@Test
	void helloWhenNoUserThenRefusedAndPublicStaysOpen() throws Exception {
		this.mvc.perform(get("/api/hello")).andExpect(status().is4xxClientError());
		this.mvc.perform(get("/api/public")).andExpect(status().isOk());
	}

}
