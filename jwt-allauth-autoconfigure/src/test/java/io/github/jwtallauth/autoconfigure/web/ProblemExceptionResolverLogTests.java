package io.github.jwtallauth.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outage warning says about a request: the endpoint's pattern, never a
 * capability carried in the path as sent.
 */
class ProblemExceptionResolverLogTests {

	private static final String RESET_TOKEN = "cz7q1-8f2b9e0d4c6a1b3e5f7a9c2d4e6f8a0b";

	@Test
	void loggedRequestWhenAnEndpointMatchedThenItsPatternNotThePathAsSent() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET",
				"/jwt-allauth/password/reset/confirm/MQ/" + RESET_TOKEN);
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
				"/jwt-allauth/password/reset/confirm/{uid}/{token}");
		assertThat(ProblemExceptionResolver.loggedRequest(request))
			.isEqualTo("GET /jwt-allauth/password/reset/confirm/{uid}/{token}")
			.doesNotContain(RESET_TOKEN);
	}

	@Test
	void loggedRequestWhenNoEndpointMatchedThenTheMethodOnly() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET",
				"/jwt-allauth/password/reset/confirm/MQ/" + RESET_TOKEN);
		assertThat(ProblemExceptionResolver.loggedRequest(request)).isEqualTo("GET (path not logged)")
			.doesNotContain(RESET_TOKEN);
	}

}
