package io.github.jwtallauth.autoconfigure.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;

/**
 * The role table of {@code jwtallauth.roles}: each integer role and the Spring authority
 * it grants ({@code ROLE_} followed by its name). The one place where an integer role
 * becomes authorities, for verified access tokens and for the test support alike.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthRoles {

	private final Map<Integer, List<GrantedAuthority>> authoritiesByRole;

	private JwtAllAuthRoles(Map<Integer, String> roles) {
		Map<Integer, List<GrantedAuthority>> result = new TreeMap<>();
		roles.forEach((code, name) -> result.put(code, List.of(new SimpleGrantedAuthority("ROLE_" + name))));
		this.authoritiesByRole = Map.copyOf(result);
	}

	/**
	 * The role table of the given role names.
	 * @param roles integer role to name, as {@code JwtAllAuthProperties.roles()} gives
	 * them
	 * @return the table
	 */
	public static JwtAllAuthRoles of(Map<Integer, String> roles) {
		Assert.notNull(roles, "'roles' must not be null");
		return new JwtAllAuthRoles(roles);
	}

	/**
	 * Return the authorities of a role.
	 * @param role the integer role
	 * @return {@code ROLE_<NAME>} when the role is named in the table, else none
	 */
	public List<GrantedAuthority> authoritiesFor(int role) {
		return this.authoritiesByRole.getOrDefault(role, List.of());
	}

	/**
	 * Return the named roles whose authorities are all among the given ones: the integer
	 * roles an authentication of another kind (a test's mock user) stands for.
	 * @param authorities the authorities
	 * @return the roles, ascending; empty when none matches
	 */
	public Set<Integer> rolesGrantedBy(Collection<? extends GrantedAuthority> authorities) {
		Set<String> granted = new TreeSet<>();
		authorities.forEach((authority) -> granted.add(authority.getAuthority()));
		Set<Integer> roles = new TreeSet<>();
		this.authoritiesByRole.forEach((role, roleAuthorities) -> {
			if (roleAuthorities.stream().map(GrantedAuthority::getAuthority).allMatch(granted::contains)) {
				roles.add(role);
			}
		});
		return roles;
	}

	/**
	 * The authentication of a principal, with its role's authorities: what a request with
	 * a valid access token for that principal is authenticated with.
	 * @param principal the principal
	 * @return the authentication
	 */
	public JwtAllAuthAuthenticationToken authenticationFor(JwtAllAuthPrincipal principal) {
		return new JwtAllAuthAuthenticationToken(principal, authoritiesFor(principal.role()));
	}

}
