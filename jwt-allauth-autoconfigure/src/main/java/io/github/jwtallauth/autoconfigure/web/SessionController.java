package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.session.StoredSession;

/**
 * Lists a user's device sessions and revokes one of them.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class SessionController {

	private final SessionService sessions;

	SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@GetMapping({ "/sessions", "/sessions/" })
	public List<Map<String, @Nullable Object>> list(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal) {
		JwtAllAuthPrincipal user = Principals.require(principal);
		List<Map<String, @Nullable Object>> result = new ArrayList<>();
		for (StoredSession session : this.sessions.list(user.subject())) {
			Map<String, @Nullable Object> item = new LinkedHashMap<>();
			item.put("id", session.id());
			item.put("created", session.created().toString());
			item.put("last_used", session.lastUsed().toString());
			item.put("expires", session.expires().toString());
			item.put("ip", session.ip());
			item.put("browser", session.browser());
			item.put("os", session.os());
			item.put("device", session.device());
			item.put("current", session.id().equals(user.sessionId()));
			result.add(item);
		}
		return result;
	}

	@DeleteMapping({ "/sessions/{id}", "/sessions/{id}/" })
	public ResponseEntity<Void> revoke(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@PathVariable String id) {
		if (!this.sessions.revoke(Principals.require(principal).subject(), id)) {
			throw JwtAllAuthException.notFound();
		}
		return ResponseEntity.noContent().build();
	}

}
