package io.github.jwtallauth.autoconfigure.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAllAuthRolesTests {

	private final JwtAllAuthRoles roles = JwtAllAuthRoles.of(JwtAllAuthProperties.DEFAULT_ROLES);

	@Test
	void authoritiesWhenRoleNamedThenRolePrefixedName() {
		assertThat(names(this.roles.authoritiesFor(1000))).containsExactly("ROLE_STAFF");
		assertThat(names(this.roles.authoritiesFor(0))).containsExactly("ROLE_USER");
	}

	@Test
	void authoritiesWhenRoleNotNamedThenNone() {
		assertThat(this.roles.authoritiesFor(5)).isEmpty();
	}

	@Test
	void rolesGrantedWhenAuthoritiesNameRolesThenThoseRoles() {
		assertThat(this.roles.rolesGrantedBy(AuthorityUtils.createAuthorityList("ROLE_STAFF", "SCOPE_read")))
			.containsExactly(1000);
		assertThat(this.roles.rolesGrantedBy(AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_STAFF")))
			.containsExactly(0, 1000);
		assertThat(this.roles.rolesGrantedBy(AuthorityUtils.createAuthorityList("STAFF", "SCOPE_read"))).isEmpty();
	}

	@Test
	void authenticationWhenBuiltThenPrincipalAndItsRolesAuthorities() {
		JwtAllAuthPrincipal principal = new JwtAllAuthPrincipal("42", "s", Instant.EPOCH, 900, true, Map.of(), "t",
				Instant.EPOCH);
		JwtAllAuthAuthenticationToken authentication = JwtAllAuthRoles.of(Map.of(900, "AUDITOR"))
			.authenticationFor(principal);
		assertThat(authentication.getPrincipal()).isSameAs(principal);
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(names(authentication.getAuthorities())).containsExactly("ROLE_AUDITOR");
	}

	private static List<String> names(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

}
