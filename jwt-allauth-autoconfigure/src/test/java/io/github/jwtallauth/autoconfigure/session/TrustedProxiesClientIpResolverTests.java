package io.github.jwtallauth.autoconfigure.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedProxiesClientIpResolverTests {

	@Test
	void resolveWhenNoTrustedProxiesThenForwardedHeaderIgnored() {
		TrustedProxiesClientIpResolver resolver = new TrustedProxiesClientIpResolver(List.of());
		assertThat(resolver.resolve(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void resolveWhenPeerIsNotTrustedThenForgedHeaderIgnored() {
		TrustedProxiesClientIpResolver resolver = new TrustedProxiesClientIpResolver(List.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("198.51.100.7", "1.2.3.4"))).isEqualTo("198.51.100.7");
	}

	@Test
	void resolveWhenChainOfTrustedProxiesThenFirstUntrustedHopFromTheRight() {
		TrustedProxiesClientIpResolver resolver = new TrustedProxiesClientIpResolver(List.of("10.0.0.0/8", "::1"));
		// the client prepended a forged address; the proxies appended what they saw
		assertThat(resolver.resolve(request("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1"))).isEqualTo("203.0.113.5");
		assertThat(resolver.resolve(request("::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
	}

	@Test
	void resolveWhenHeaderGarbledThenLastTrustworthyAddress() {
		TrustedProxiesClientIpResolver resolver = new TrustedProxiesClientIpResolver(List.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("10.0.0.2", "<script>, evil.example.com"))).isEqualTo("10.0.0.2");
		assertThat(resolver.resolve(request("10.0.0.2", ""))).isEqualTo("10.0.0.2");
	}

	@Test
	void isIpLiteralWhenHostNameOrJunkThenFalseWithoutLookup() {
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("192.0.2.1")).isTrue();
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("2001:db8::1")).isTrue();
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("localhost")).isFalse();
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("999.1.1.1")).isFalse();
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("1.2.3")).isFalse();
		assertThat(TrustedProxiesClientIpResolver.isIpLiteral("::::::::::")).isFalse();
	}

	static MockHttpServletRequest request(String remoteAddress, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remoteAddress);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

}
