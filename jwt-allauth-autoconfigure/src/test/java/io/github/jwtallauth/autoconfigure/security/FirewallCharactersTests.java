package io.github.jwtallauth.autoconfigure.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The firewall's character rules as a loop accept and refuse exactly what Spring
 * Security's regular expressions do, for every code point; the auto-configured firewall
 * applies them and backs off for the application's own.
 */
class FirewallCharactersTests {

	// StrictHttpFirewall's own expressions, copied so that a change on either side shows
	private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void rulesWhenEveryCodePointAloneAndAmongTextThenSameAnswerAsTheExpressions() {
		List<String> disagreements = new ArrayList<>();
		int checked = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String alone = new String(Character.toChars(codePoint));
			for (String text : new String[] { alone, "Bearer a" + alone + "z" }) {
				if (FirewallCharacters.isAssignedAndNotControl(text) != ASSIGNED_AND_NOT_CONTROL.matcher(text)
					.matches()) {
					disagreements.add(String.format("name rule, U+%04X in '%s'", codePoint, text));
				}
				if (FirewallCharacters.isHeaderValue(text) != HEADER_VALUE.matcher(text).matches()) {
					disagreements.add(String.format("value rule, U+%04X in '%s'", codePoint, text));
				}
				checked++;
			}
		}
		assertThat(checked).isEqualTo(2 * (Character.MAX_CODE_POINT + 1));
		assertThat(disagreements).isEmpty();
	}

	@Test
	void rulesWhenSurrogatesArePairedReversedOrAloneThenSameAnswerAsTheExpressions() {
		String[] texts = { "\uD83D\uDE00", "\uDE00\uD83D", "a\uD83D", "\uDE00b", "\uDB40\uDC01", "\uDB80\uDC00", "\t",
				"a\tb", "\u0000", "\u007f", "\u0085", "\u0378", "", "é", "\uFFFF" };
		for (String text : texts) {
			assertThat(FirewallCharacters.isAssignedAndNotControl(text)).as(text)
				.isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
			assertThat(FirewallCharacters.isHeaderValue(text)).as(text).isEqualTo(HEADER_VALUE.matcher(text).matches());
		}
	}

	@Test
	void firewallWhenAutoConfiguredThenRefusesControlCharactersInHeadersAndParameterNames() {
		AutoConfigurationRunners.core()
			.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-firewall-tests")
			.run((context) -> {
				HttpFirewall firewall = context.getBean(HttpFirewall.class);
				assertThat(firewall).isInstanceOf(StrictHttpFirewall.class);
				assertThat(firewall.getFirewalledRequest(request("Authorization", "Bearer a.b\tc"))
					.getHeader("Authorization")).isEqualTo("Bearer a.b\tc");
				assertThatExceptionOfType(RequestRejectedException.class)
					.isThrownBy(() -> firewall.getFirewalledRequest(request("Authorization", "Bearer a\u0085b"))
						.getHeader("Authorization"));
				assertThatExceptionOfType(RequestRejectedException.class)
					.isThrownBy(() -> firewall.getFirewalledRequest(request("X-Name", "\u0378")).getHeader("X-Name"));
				assertThatExceptionOfType(RequestRejectedException.class)
					.isThrownBy(() -> firewall.getFirewalledRequest(request("X-\u0007", "value"))
						.getHeaderNames()
						.nextElement());
				MockHttpServletRequest parameter = new MockHttpServletRequest("GET", "/api/hello");
				parameter.addParameter("a\u0000", "value");
				assertThatExceptionOfType(RequestRejectedException.class)
					.isThrownBy(() -> firewall.getFirewalledRequest(parameter).getParameterMap());
			});
	}

	@Test
	void firewallWhenApplicationDeclaresOneThenItIsKept() {
		StrictHttpFirewall own = new StrictHttpFirewall();
		AutoConfigurationRunners.core()
			.withPropertyValues("jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-firewall-tests")
			.withBean(HttpFirewall.class, () -> own)
			.run((context) -> assertThat(context.getBean(HttpFirewall.class)).isSameAs(own));
	}

	private static MockHttpServletRequest request(String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hello");
		request.addHeader(header, value);
		return request;
	}

}
