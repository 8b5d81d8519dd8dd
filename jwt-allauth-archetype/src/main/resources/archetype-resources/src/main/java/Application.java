package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application. The jwt-allauth starter brings every authentication endpoint (under
 * {@code /jwt-allauth}); {@link ApiController} is the application's own.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
