package io.github.jwtallauth.autoconfigure.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthTemplates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers and file locations of the built-in pages.
 */
class PagesTests {

	private final JwtAllAuthTemplates templates = new JwtAllAuthTemplates(new StaticMessageSource());

	@Test
	void writeWhenDefaultPolicyThenPolicyAndAssetsUnderContextAndBasePath() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/auth/password/reset/complete");
		request.setContextPath("/app");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new Pages(this.templates, "/auth", JwtAllAuthProperties.Pages.DEFAULT_CONTENT_SECURITY_POLICY).write(request,
				response, HttpStatus.OK, Pages.PASSWORD_RESET_COMPLETE, Map.of());
		assertThat(response.getHeader("Content-Security-Policy"))
			.isEqualTo(JwtAllAuthProperties.Pages.DEFAULT_CONTENT_SECURITY_POLICY);
		assertThat(response.getContentAsString()).contains("href=\"/app/auth/assets/pages.css\"");
	}

	@Test
	void writeWhenPolicyBlankThenNoPolicyButTheOtherHeaders() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new Pages(this.templates, "/jwt-allauth", " ").write(new MockHttpServletRequest(), response, HttpStatus.OK,
				Pages.PASSWORD_RESET_COMPLETE, Map.of());
		assertThat(response.containsHeader("Content-Security-Policy")).isFalse();
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

}
