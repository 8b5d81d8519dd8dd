package io.github.jwtallauth.autoconfigure.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Publishes the public keys that verify access tokens as a JWK set (RFC 7517), so that
 * any standard resource server can check them. Answers 404 with HS256, which has no
 * public key.
 *
 * @author jwt-allauth contributors
 */
@RestController
final class JwksController {

	private final TokenService tokens;

	JwksController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping({ "${jwtallauth.jwt.jwks-path:/.well-known/jwks.json}",
			"${jwtallauth.jwt.jwks-path:/.well-known/jwks.json}/" })
	public ResponseEntity<Map<String, Object>> jwks() {
		Map<String, Object> set = this.tokens.jwkSet();
		if (set.isEmpty()) {
			throw JwtAllAuthException.notFound();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(set);
	}

}
