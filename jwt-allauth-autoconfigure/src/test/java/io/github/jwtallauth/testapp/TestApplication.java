package io.github.jwtallauth.testapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * An application like the sample one, for the library's own HTTP tests: it declares its
 * own security chain and endpoints, and records the events jwt-allauth publishes.
 */
@SpringBootApplication
public class TestApplication {

	@Bean
	SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/public")
			.permitAll()
			.requestMatchers("/api/staff")
			.hasRole("STAFF")
			.anyRequest()
			.authenticated()).csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	@RestController
	static class ApiController {

		@GetMapping("/api/public")
		Map<String, Object> publicEndpoint() {
			return Map.of("message", "public");
		}

		@GetMapping("/api/hello")
		Map<String, Object> hello(@AuthenticationPrincipal JwtAllAuthPrincipal principal,
				Authentication authentication) {
			return Map.of("sub", principal.subject(), "role", principal.role(), "authorities",
					authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		}

		@GetMapping("/api/principal")
		Map<String, Object> principal(@AuthenticationPrincipal JwtAllAuthPrincipal principal) {
			return Map.of("sub", principal.subject(), "sid", principal.sessionId(), "session_iat",
					principal.sessionIssuedAt().getEpochSecond(), "attributes", principal.attributes());
		}

		@GetMapping("/api/staff")
		Map<String, Object> staff() {
			return Map.of("message", "staff");
		}

		@GetMapping("/api/boom")
		Map<String, Object> boom() {
			throw new IllegalStateException("the application failed");
		}

	}

	/** Every event jwt-allauth publishes, in order. */
	public static class RecordedEvents {

		private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ApplicationEvent event) {
			if (event.getClass().getName().startsWith("io.github.jwtallauth.autoconfigure")) {
				this.events.add(event);
			}
		}

		public List<ApplicationEvent> all() {
			return this.events;
		}

		public void clear() {
			this.events.clear();
		}

	}

}
