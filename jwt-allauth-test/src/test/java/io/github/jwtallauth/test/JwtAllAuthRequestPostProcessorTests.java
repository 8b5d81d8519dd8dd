package io.github.jwtallauth.test;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthAuthenticationToken;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

import static io.github.jwtallauth.test.JwtAllAuthRequestPostProcessor.jwtAllAuth;
import static org.assertj.core.api.Assertions.assertThat;

class JwtAllAuthRequestPostProcessorTests {

	// the request carries the context for Spring Security's test repository, which the
	// filter chain of a MockMvc request then loads
	private static Authentication authenticationOf(MockHttpServletRequest request) {
		return Collections.list(request.getAttributeNames())
			.stream()
			.map(request::getAttribute)
			.filter(SecurityContext.class::isInstance)
			.map((context) -> ((SecurityContext) context).getAuthentication())
			.findFirst()
			.orElseThrow();
	}

	@Test
	void requestWhenPostProcessedThenAuthenticatedAsTheUser() {
		MockHttpServletRequest request = jwtAllAuth().subject("42")
			.role(1000)
			.emailVerified(true)
			.claim("tenant", "acme")
			.sessionId("phone")
			.postProcessRequest(new MockHttpServletRequest());
		Authentication authentication = authenticationOf(request);
		assertThat(authentication).isInstanceOf(JwtAllAuthAuthenticationToken.class);
		JwtAllAuthPrincipal principal = (JwtAllAuthPrincipal) authentication.getPrincipal();
		assertThat(principal.subject()).isEqualTo("42");
		assertThat(principal.role()).isEqualTo(1000);
		assertThat(principal.emailVerified()).isTrue();
		assertThat(principal.attribute("tenant")).isEqualTo("acme");
		assertThat(principal.sessionId()).isEqualTo("phone");
		assertThat(WithJwtAllAuthUserTests.authorities(authentication)).containsExactly("ROLE_STAFF");
	}

	@Test
	void requestWhenNothingSetThenUserOneWithRoleZero() {
		Authentication authentication = authenticationOf(jwtAllAuth().postProcessRequest(new MockHttpServletRequest()));
		assertThat(authentication.getName()).isEqualTo("1");
		assertThat(((JwtAllAuthPrincipal) authentication.getPrincipal()).emailVerified()).isFalse();
		assertThat(WithJwtAllAuthUserTests.authorities(authentication)).containsExactly("ROLE_USER");
	}

	@Test
	void requestWhenApplicationNamesItsRolesThenTheirAuthorities() {
		MockServletContext servletContext = new MockServletContext();
		GenericWebApplicationContext context = new GenericWebApplicationContext(servletContext);
		context.setEnvironment(new MockEnvironment().withProperty("jwtallauth.roles.1000", "BOSS"));
		context.refresh();
		servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		MockHttpServletRequest request = jwtAllAuth().role(1000)
			.postProcessRequest(new MockHttpServletRequest(servletContext));
		assertThat(WithJwtAllAuthUserTests.authorities(authenticationOf(request))).containsExactly("ROLE_BOSS");
		context.close();
	}

}
