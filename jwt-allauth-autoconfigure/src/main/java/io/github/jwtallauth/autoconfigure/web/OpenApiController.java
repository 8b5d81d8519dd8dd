package io.github.jwtallauth.autoconfigure.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI description of jwt-allauth's endpoints
 * ({@code jwtallauth.openapi.enabled}), so that a front-end can generate its client from
 * the server it talks to.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class OpenApiController {

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final String document;

	OpenApiController(String document) {
		this.document = document;
	}

	@GetMapping({ "/openapi.yaml", "/openapi.yaml/" })
	public ResponseEntity<String> document() {
		return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(this.document);
	}

}
