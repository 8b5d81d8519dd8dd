package io.github.jwtallauth.autoconfigure.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RefreshOriginCheckTests {

	@Test
	void checkWhenOriginDiffersOnlyInCaseOrSpellsDefaultPortThenAllowed() {
		RefreshOriginCheck check = check(Map.of("jwtallauth.public-base-url", "https://App.Example.com:443/shop",
				"jwtallauth.refresh-cookie.allowed-origins", "http://localhost:3000,http://[::1]"));
		for (String origin : new String[] { "https://app.example.com", "https://APP.example.com:443",
				"http://localhost:3000", "http://[::1]", "http://[::1]:80" }) {
			assertThatCode(() -> check.check(request(origin, null))).as(origin).doesNotThrowAnyException();
		}
	}

	@Test
	void checkWhenOriginOnlyResemblesAllowedOneThenCsrfFailed() {
		RefreshOriginCheck check = check(Map.of("jwtallauth.public-base-url", "https://app.example.com",
				"jwtallauth.refresh-cookie.allowed-origins", "http://localhost:3000"));
		for (String origin : new String[] { "https://app.example.com:4430", "https://app.example.com:80",
				"http://app.example.com", "https://app.example.comm", "http://localhost:3000:80", "http://localhost",
				"null", "" }) {
			assertThatExceptionOfType(JwtAllAuthException.class).as(origin)
				.isThrownBy(() -> check.check(request(origin, null)))
				.extracting(JwtAllAuthException::getCode)
				.isEqualTo("csrf_failed");
		}
	}

	@Test
	void checkWhenPublicBaseUrlHasPortAndPathThenOriginIsSchemeHostAndPort() {
		RefreshOriginCheck check = check(Map.of("jwtallauth.public-base-url", "http://App.Example.com:8080/app"));
		assertThatCode(() -> check.check(request("http://app.example.com:8080", "same-origin")))
			.doesNotThrowAnyException();
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> check.check(request("http://app.example.com", "same-origin")));
	}

	@Test
	void checkWhenNothingConfiguredThenOnlyRequestsWithoutOriginOrCrossSiteMetadataServed() {
		RefreshOriginCheck check = check(Map.of());
		assertThatCode(() -> check.check(request(null, null))).doesNotThrowAnyException();
		assertThatCode(() -> check.check(request(null, "same-origin"))).doesNotThrowAnyException();
		assertThatCode(() -> check.check(request(null, "none"))).doesNotThrowAnyException();
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(() -> check.check(request(null, "Cross-Site")));
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> check.check(request("https://app.example.com", "same-origin")));
	}

	@Test
	void checkWhenBodyModeThenNothingRefused() {
		RefreshOriginCheck check = check(Map.of("jwtallauth.refresh-cookie.enabled", "false"));
		assertThatCode(() -> check.check(request("https://evil.example", "cross-site"))).doesNotThrowAnyException();
	}

	static MockHttpServletRequest request(String origin, String site) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/jwt-allauth/refresh");
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		if (site != null) {
			request.addHeader("Sec-Fetch-Site", site);
		}
		return request;
	}

	static RefreshOriginCheck check(Map<String, String> properties) {
		JwtAllAuthProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("jwtallauth", JwtAllAuthProperties.class);
		return new RefreshOriginCheck(bound.refreshCookie(), bound.publicBaseUrl());
	}

}
