package io.github.jwtallauth.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application that uses the jwt-allauth starter: the starter brings every
 * authentication endpoint, this application adds three of its own.
 *
 * @author jwt-allauth contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
