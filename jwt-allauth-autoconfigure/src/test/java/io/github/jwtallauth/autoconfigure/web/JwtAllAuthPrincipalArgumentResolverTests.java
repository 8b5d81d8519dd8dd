package io.github.jwtallauth.autoconfigure.web;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.context.request.ServletWebRequest;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthAuthenticationToken;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtAllAuthPrincipalArgumentResolverTests {

	private final JwtAllAuthPrincipalArgumentResolver resolver = new JwtAllAuthPrincipalArgumentResolver();

	private final MethodParameter principalParameter = parameter(0);

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void supportsWhenPrincipalParameterThenOnlyJwtAllAuthPrincipalWithoutExpression() {
		assertThat(this.resolver.supportsParameter(this.principalParameter)).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(1))).as("expression").isFalse();
		assertThat(this.resolver.supportsParameter(parameter(2))).as("other type").isFalse();
		assertThat(this.resolver.supportsParameter(parameter(3))).as("not annotated").isFalse();
	}

	@Test
	void resolveWhenAccessTokenThenItsPrincipal() {
		JwtAllAuthPrincipal principal = new JwtAllAuthPrincipal("42", "s", Instant.EPOCH, 0, false, Map.of(), "t",
				Instant.EPOCH);
		authenticate(new JwtAllAuthAuthenticationToken(principal, AuthorityUtils.NO_AUTHORITIES));
		assertThat(resolve()).isSameAs(principal);
	}

	@Test
	void resolveWhenAnonymousOrNoneThenNull() {
		assertThat(resolve()).isNull();
		authenticate(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(resolve()).isNull();
	}

	@Test
	void resolveWhenAuthenticatedOtherwiseThenRefusedNamingTheTestAnnotation() {
		// a form login or HTTP Basic of the application, even with a staff authority, is
		// not a jwt-allauth user
		authenticate(UsernamePasswordAuthenticationToken.authenticated("admin", null,
				AuthorityUtils.createAuthorityList("ROLE_STAFF")));
		assertThatIllegalStateException().isThrownBy(this::resolve)
			.withMessageContaining("UsernamePasswordAuthenticationToken")
			.withMessageContaining("@WithJwtAllAuthUser");
	}

	private Object resolve() {
		return this.resolver.resolveArgument(this.principalParameter, null,
				new ServletWebRequest(new MockHttpServletRequest()), null);
	}

	private static void authenticate(Authentication authentication) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	private static MethodParameter parameter(int index) {
		Method method = ReflectionUtils.findMethod(Handlers.class, "handle", JwtAllAuthPrincipal.class, String.class,
				Object.class, JwtAllAuthPrincipal.class);
		return new MethodParameter(method, index);
	}

	static final class Handlers {

		void handle(@AuthenticationPrincipal JwtAllAuthPrincipal principal,
				@AuthenticationPrincipal(expression = "subject") String subject, @AuthenticationPrincipal Object other,
				JwtAllAuthPrincipal notAnnotated) {
		}

	}

}
