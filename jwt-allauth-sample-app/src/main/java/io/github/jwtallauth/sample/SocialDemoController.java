package io.github.jwtallauth.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What {@code social-demo.html} needs to send a browser to a provider, beside
 * jwt-allauth's {@code GET /social/providers} (which gives only id, name and client id):
 * each registration's authorization endpoint and scopes. Nothing secret: the client
 * secret stays on the server, which alone exchanges the code.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("/api/social-demo")
class SocialDemoController {

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	SocialDemoController(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registrations = registrations;
	}

	@GetMapping("/providers")
	List<Map<String, Object>> providers() {
		List<Map<String, Object>> providers = new ArrayList<>();
		// Boot registers no repository at all while no provider is configured; the one it
		// registers lists its registrations, another one can only be asked by id
		if (this.registrations.getIfAvailable() instanceof Iterable<?> iterable) {
			for (Object candidate : iterable) {
				if (candidate instanceof ClientRegistration registration) {
					providers.add(describe(registration));
				}
			}
		}
		return providers;
	}

	private static Map<String, Object> describe(ClientRegistration registration) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", registration.getRegistrationId());
		json.put("name", registration.getClientName());
		json.put("client_id", registration.getClientId());
		json.put("authorization_uri", registration.getProviderDetails().getAuthorizationUri());
		json.put("scopes", List.copyOf(registration.getScopes()));
		return json;
	}

}
