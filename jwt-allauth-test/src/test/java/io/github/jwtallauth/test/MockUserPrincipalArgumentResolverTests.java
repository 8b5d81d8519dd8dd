package io.github.jwtallauth.test;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
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

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthAuthenticationToken;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MockUserPrincipalArgumentResolverTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final MockUserPrincipalArgumentResolver resolver = new MockUserPrincipalArgumentResolver(new TestPrincipals(
			new Binder().bindOrCreate("jwtallauth", JwtAllAuthProperties.class), Clock.fixed(NOW, ZoneOffset.UTC)));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void supportsWhenPrincipalParameterThenOnlyJwtAllAuthPrincipalWithoutExpression() {
		assertThat(this.resolver.supportsParameter(parameter(0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(1))).as("expression").isFalse();
		assertThat(this.resolver.supportsParameter(parameter(2))).as("other type").isFalse();
	}

	@Test
	void resolveWhenMockUserWithOneRoleThenSubjectFromNameAndRoleFromTable() {
		authenticate(mockUser("alice", "ROLE_STAFF"));
		JwtAllAuthPrincipal principal = resolve();
		assertThat(principal.subject()).isEqualTo("alice");
		assertThat(principal.role()).isEqualTo(1000);
		assertThat(principal.emailVerified()).isFalse();
		assertThat(principal.attributes()).isEmpty();
		assertThat(principal.sessionIssuedAt()).isEqualTo(NOW);
	}

	@Test
	void resolveWhenMockUserWithoutRoleOfTheTableThenRefusedNamingTheAnnotation() {
		authenticate(mockUser("alice", "SCOPE_read"));
		assertThatIllegalStateException().isThrownBy(this::resolve)
			.withMessageContaining("no role")
			.withMessageContaining("@WithJwtAllAuthUser");
	}

	@Test
	void resolveWhenMockUserWithSeveralRolesThenRefusedNamingThem() {
		authenticate(mockUser("alice", "ROLE_USER", "ROLE_STAFF"));
		assertThatIllegalStateException().isThrownBy(this::resolve)
			.withMessageContaining("[0, 1000]")
			.withMessageContaining("@WithJwtAllAuthUser");
	}

	@Test
	void resolveWhenJwtAllAuthUserThenItsOwnPrincipal() {
		JwtAllAuthPrincipal principal = new JwtAllAuthPrincipal("42", "s", NOW, 0, true, Map.of(), "t", NOW);
		authenticate(new JwtAllAuthAuthenticationToken(principal, AuthorityUtils.NO_AUTHORITIES));
		assertThat(resolve()).isSameAs(principal);
	}

	@Test
	void resolveWhenAnonymousThenNull() {
		assertThat(resolve()).isNull();
		authenticate(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(resolve()).isNull();
	}

	private JwtAllAuthPrincipal resolve() {
		return (JwtAllAuthPrincipal) this.resolver.resolveArgument(parameter(0), null,
				new ServletWebRequest(new MockHttpServletRequest()), null);
	}

	private static Authentication mockUser(String name, String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated(name, "password",
				AuthorityUtils.createAuthorityList(authorities));
	}

	private static void authenticate(Authentication authentication) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	private static MethodParameter parameter(int index) {
		Method method = ReflectionUtils.findMethod(Handlers.class, "handle", JwtAllAuthPrincipal.class, String.class,
				Object.class);
		return new MethodParameter(method, index);
	}

	static final class Handlers {

		void handle(@AuthenticationPrincipal JwtAllAuthPrincipal principal,
				@AuthenticationPrincipal(expression = "subject") String subject,
				@AuthenticationPrincipal Object other) {
		}

	}

}
