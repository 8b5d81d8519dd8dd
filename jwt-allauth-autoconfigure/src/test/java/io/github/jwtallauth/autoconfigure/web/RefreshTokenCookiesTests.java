package io.github.jwtallauth.autoconfigure.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletResponse;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.session.IssuedSession;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenCookiesTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void writeWhenCustomAttributesThenAllApplied() {
		RefreshTokenCookies cookies = cookies(Map.of("jwtallauth.refresh-cookie.name", "rt",
				"jwtallauth.refresh-cookie.domain", "example.com", "jwtallauth.refresh-cookie.path", "/jwt-allauth",
				"jwtallauth.refresh-cookie.same-site", "Strict", "jwtallauth.refresh-cookie.secure", "false",
				"jwtallauth.refresh-cookie.max-age", "3600"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		cookies.write(response, session(NOW.plusSeconds(999_999)));
		assertThat(response.getHeader("Set-Cookie")).startsWith("rt=the-refresh-token;")
			.contains("Path=/jwt-allauth", "Domain=example.com", "Max-Age=3600", "HttpOnly", "SameSite=Strict")
			.doesNotContain("Secure");
		MockHttpServletResponse cleared = new MockHttpServletResponse();
		cookies.clear(cleared);
		assertThat(cleared.getHeader("Set-Cookie")).startsWith("rt=;")
			.contains("Max-Age=0", "Path=/jwt-allauth", "Domain=example.com");
	}

	@Test
	void writeWhenMaxAgeNegativeThenBrowserSessionCookie() {
		RefreshTokenCookies cookies = cookies(Map.of("jwtallauth.refresh-cookie.max-age", "-1"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		cookies.write(response, session(NOW.plusSeconds(60)));
		assertThat(response.getHeader("Set-Cookie")).doesNotContain("Max-Age", "Expires");
	}

	@Test
	void writeWhenSessionLifetimeSetThenNeverBeyondDeadline() {
		RefreshTokenCookies cookies = cookies(Map.of("jwtallauth.jwt.session-lifetime", "1h"));
		MockHttpServletResponse response = new MockHttpServletResponse();
		cookies.write(response, session(NOW.plusSeconds(1800)));
		assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=1800");
	}

	@Test
	void writeWhenNoSessionLifetimeThenRefreshLifetime() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		cookies(Map.of()).write(response, session(NOW.plusSeconds(1800)));
		assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=1209600");
	}

	static IssuedSession session(Instant refreshExpiresAt) {
		return new IssuedSession("sid", "access", "the-refresh-token", refreshExpiresAt);
	}

	static RefreshTokenCookies cookies(Map<String, String> properties) {
		JwtAllAuthProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("jwtallauth", JwtAllAuthProperties.class);
		return new RefreshTokenCookies(bound.refreshCookie(), bound.jwt().refreshTokenLifetime(),
				bound.jwt().sessionLifetime() != null, Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
