package io.github.jwtallauth.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.github.jwtallauth.test.WithJwtAllAuthUser;

import static io.github.jwtallauth.test.JwtAllAuthRequestPostProcessor.jwtAllAuth;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The application's own endpoints in a {@code @WebMvcTest} slice, with jwt-allauth's test
 * users: no database, no token, only the controller and the application's security rules.
 */
@WebMvcTest(ApiController.class)
@Import(SecurityConfiguration.class)
class ApiControllerWebMvcTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithJwtAllAuthUser(subject = "42", role = 1000)
	void helloWhenStaffUserThenSubjectRoleAndAuthority() throws Exception {
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("42"))
			.andExpect(jsonPath("$.role").value(1000))
			.andExpect(jsonPath("$.authorities", contains("ROLE_STAFF")));
	}

	@Test
	@WithJwtAllAuthUser(subject = "42", role = 1000)
	void staffWhenStaffUserThenGreeted() throws Exception {
		this.mvc.perform(get("/api/staff"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value("Hello, staff member 42."));
	}

	@Test
	@WithJwtAllAuthUser(subject = "7", role = 0)
	void staffWhenOrdinaryUserThenForbidden() throws Exception {
		this.mvc.perform(get("/api/staff")).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", contains("ROLE_USER")));
	}

	@Test
	void staffWhenRequestPostProcessorThenItsRoleDecides() throws Exception {
		this.mvc.perform(get("/api/staff").with(jwtAllAuth().subject("42").role(1000).claim("tenant", "acme")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value("Hello, staff member 42."));
		this.mvc.perform(get("/api/staff").with(jwtAllAuth().subject("7").role(0))).andExpect(status().isForbidden());
	}

	@Test
	void helloWhenNoUserThenRefused() throws Exception {
		this.mvc.perform(get("/api/hello")).andExpect(status().is4xxClientError());
	}

	@Test
	@WithMockUser(username = "alice", roles = "STAFF")
	void helloWhenMockUserWithRoleThenPrincipalFromNameAndRoleTable() throws Exception {
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("alice"))
			.andExpect(jsonPath("$.role").value(1000));
		this.mvc.perform(get("/api/staff")).andExpect(status().isOk());
	}

	@Test
	@WithMockUser
	void helloWhenDefaultMockUserThenRoleUser() throws Exception {
		this.mvc.perform(get("/api/hello"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("user"))
			.andExpect(jsonPath("$.role").value(0));
	}

	@Test
	void helloWhenMockMvcUserThenPrincipalFromNameAndRoleTable() throws Exception {
		this.mvc.perform(get("/api/hello").with(user("bob").roles("SUPERUSER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value("bob"))
			.andExpect(jsonPath("$.role").value(900));
	}

	@Test
	@WithMockUser(authorities = "SCOPE_read")
	void helloWhenMockUserHasNoRoleOfTheTableThenFailsNamingTheAnnotation() {
		assertThatException().isThrownBy(() -> this.mvc.perform(get("/api/hello")))
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("@WithJwtAllAuthUser");
	}

}
