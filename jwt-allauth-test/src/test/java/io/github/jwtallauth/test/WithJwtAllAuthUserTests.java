package io.github.jwtallauth.test;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.ReflectionUtils;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthAuthenticationToken;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WithJwtAllAuthUserTests {

	@Test
	@WithJwtAllAuthUser(subject = "42", role = 1000, emailVerified = true, attributes = { "tenant=acme", "plan=a=b" })
	void factoryWhenNoContextThenPrincipalOfTheAnnotationWithDefaultRoles() {
		Authentication authentication = new WithJwtAllAuthUserSecurityContextFactory()
			.createSecurityContext(annotation("factoryWhenNoContextThenPrincipalOfTheAnnotationWithDefaultRoles"))
			.getAuthentication();
		assertThat(authentication).isInstanceOf(JwtAllAuthAuthenticationToken.class);
		JwtAllAuthPrincipal principal = (JwtAllAuthPrincipal) authentication.getPrincipal();
		assertThat(principal.subject()).isEqualTo("42");
		assertThat(principal.role()).isEqualTo(1000);
		assertThat(principal.emailVerified()).isTrue();
		assertThat(principal.attributes()).containsEntry("tenant", "acme").containsEntry("plan", "a=b");
		assertThat(principal.sessionId()).isEqualTo("test-session");
		assertThat(principal.expiresAt()).isAfter(principal.sessionIssuedAt());
		assertThat(authorities(authentication)).containsExactly("ROLE_STAFF");
	}

	@Test
	@WithJwtAllAuthUser(attributes = "tenant")
	void factoryWhenAttributeWithoutValueThenRefused() {
		WithJwtAllAuthUser user = annotation("factoryWhenAttributeWithoutValueThenRefused");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WithJwtAllAuthUserSecurityContextFactory().createSecurityContext(user))
			.withMessageContaining("name=value");
	}

	private static WithJwtAllAuthUser annotation(String method) {
		return AnnotatedElementUtils.findMergedAnnotation(
				ReflectionUtils.findMethod(WithJwtAllAuthUserTests.class, method), WithJwtAllAuthUser.class);
	}

	static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	/**
	 * Through Spring Security's test listener, in a context without jwt-allauth's
	 * auto-configuration (as in a slice): the role table comes from the environment.
	 */
	@Nested
	@SpringJUnitConfig
	@TestPropertySource(properties = { "jwtallauth.roles.1000=BOSS", "jwtallauth.roles.7=AUDITOR" })
	@WithJwtAllAuthUser(subject = "class-level", role = 7)
	class InATestContext {

		@Test
		@WithJwtAllAuthUser(subject = "42", role = 1000)
		void annotationWhenOnMethodThenSecurityContextHoldsTheUserWithTheConfiguredRoles() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			assertThat(authentication.getName()).isEqualTo("42");
			assertThat(authorities(authentication)).containsExactly("ROLE_BOSS");
		}

		@Test
		void annotationWhenOnClassThenEveryTestRunsAsThatUser() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			assertThat(authentication.getName()).isEqualTo("class-level");
			assertThat(((JwtAllAuthPrincipal) authentication.getPrincipal()).role()).isEqualTo(7);
			assertThat(authorities(authentication)).containsExactly("ROLE_AUDITOR");
		}

		@Test
		@WithJwtAllAuthUser(role = 900)
		void annotationWhenRoleNotOverriddenThenDefaultName() {
			assertThat(authorities(SecurityContextHolder.getContext().getAuthentication()))
				.containsExactly("ROLE_SUPERUSER");
		}

	}

}
