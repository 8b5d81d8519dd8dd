package io.github.jwtallauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A secret that stops start-up is named in the failure report, never shown: Spring Boot's
 * report of an invalid property prints the value it finds in the environment, whatever
 * the exception says.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInStartupFailureTests {

	@ParameterizedTest
	@CsvSource({ "jwtallauth.jwt.secret, too-short-secret-4711",
			"jwtallauth.jwt.refresh-secret, too-short-refresh-4711",
			"jwtallauth.mfa.encryption-key, not-base64-at-all-4711" })
	void startWhenSecretInvalidThenReportNamesThePropertyButNotTheValue(String property, String value,
			CapturedOutput output) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("jwtallauth.jwt.secret", "0123456789abcdef0123456789abcdef-startup-tests");
		properties.put("jwtallauth.mfa.mode", "optional");
		properties.put("jwtallauth.mfa.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
		properties.put("spring.datasource.url", "jdbc:h2:mem:secrets-" + System.nanoTime());
		properties.put("server.port", "0");
		properties.put(property, value);
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		SpringApplication application = new SpringApplication(TestApplication.class);
		assertThatException().isThrownBy(() -> application.run(args));
		assertThat(output).contains("APPLICATION FAILED TO START").contains(property).doesNotContain(value);
	}

}
