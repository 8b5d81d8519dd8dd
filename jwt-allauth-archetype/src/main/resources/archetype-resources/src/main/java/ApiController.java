package ${package};

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * The application's own endpoints. The user comes from the access token alone: no database
 * query per request.
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/public")
	Map<String, Object> open() {
		return Map.of("message", "No token needed here.");
	}

	@GetMapping("/hello")
	Map<String, Object> hello(@AuthenticationPrincipal JwtAllAuthPrincipal principal) {
		return Map.of("sub", principal.subject(), "role", principal.role(), "email_verified",
				principal.emailVerified());
	}

	@GetMapping("/staff")
	Map<String, Object> staff(@AuthenticationPrincipal JwtAllAuthPrincipal principal) {
		return Map.of("message", "Hello, staff member " + principal.subject() + ".");
	}

}
