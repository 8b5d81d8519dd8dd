package io.github.jwtallauth.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own rules. jwt-allauth adds bearer-token authentication to this chain
 * by itself (and answers 401/403 as problem documents); the application only says who may
 * call what.
 *
 * @author jwt-allauth contributors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			// the social-login demo page and what it reads to reach a provider (it then
			// calls jwt-allauth's endpoints, which jwt-allauth's own filter chain serves)
			.requestMatchers("/api/public", "/api/social-demo/providers", "/social-demo.html")
			.permitAll()
			.requestMatchers("/api/staff")
			.hasRole("STAFF")
			.anyRequest()
			.authenticated())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
