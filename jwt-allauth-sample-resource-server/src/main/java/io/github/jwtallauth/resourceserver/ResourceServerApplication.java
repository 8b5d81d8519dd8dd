package io.github.jwtallauth.resourceserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A second application that knows nothing of jwt-allauth: Spring Boot's resource server
 * accepts the access tokens the sample application issues, configured by the issuer's URL
 * and the roles claim alone (see application.yml).
 *
 * @author jwt-allauth contributors
 */
@SpringBootApplication
public class ResourceServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResourceServerApplication.class, args);
	}

}
