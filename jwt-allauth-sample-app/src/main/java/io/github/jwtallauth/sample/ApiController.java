package io.github.jwtallauth.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * The application's own endpoints: one public, one for any logged-in user, one for staff.
 * Nothing here touches the database: the user comes from the access token alone.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/public")
	Map<String, Object> publicEndpoint() {
		return Map.of("message", "Hello, world. No token needed here.");
	}

	@GetMapping("/hello")
	Map<String, Object> hello(@AuthenticationPrincipal JwtAllAuthPrincipal principal, Authentication authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", principal.subject());
		body.put("role", principal.role());
		body.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		return body;
	}

	@GetMapping("/staff")
	Map<String, Object> staff(@AuthenticationPrincipal JwtAllAuthPrincipal principal) {
		return Map.of("message", "Hello, staff member " + principal.subject() + ".");
	}

}
