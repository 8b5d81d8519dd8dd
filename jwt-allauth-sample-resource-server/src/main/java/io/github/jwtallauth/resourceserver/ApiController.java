package io.github.jwtallauth.resourceserver;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint for any valid access token, one for staff. The user comes from the token
 * alone: this application has no database and never calls the issuer per request.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/me")
	Map<String, Object> me(JwtAuthenticationToken authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", authentication.getToken().getSubject());
		body.put("role", authentication.getToken().getClaim("role"));
		body.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		return body;
	}

	@GetMapping("/staff")
	Map<String, Object> staff(JwtAuthenticationToken authentication) {
		return Map.of("message", "Hello, staff member " + authentication.getToken().getSubject() + ".");
	}

}
