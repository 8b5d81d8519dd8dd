package io.github.jwtallauth.autoconfigure.web;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.security.ProblemRequestRejectedHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtAllAuthRejectedRequestsAutoConfiguration}: on by default, off with
 * {@code jwtallauth.rejected-requests=none}, backing off from the application's own
 * handler, and without the valve where Tomcat is absent.
 */
class JwtAllAuthRejectedRequestsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAllAuthRejectedRequestsAutoConfiguration.class))
		.withUserConfiguration(WriterConfiguration.class);

	@Test
	void contextWhenDefaultsThenHandlerAndValveCustomizer() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ProblemRequestRejectedHandler.class);
			assertThat(context).hasSingleBean(ProblemErrorReportValveCustomizer.class);
		});
	}

	@Test
	void contextWhenRejectedRequestsNoneThenNeither() {
		this.runner.withPropertyValues("jwtallauth.rejected-requests=none").run((context) -> {
			assertThat(context).doesNotHaveBean(RequestRejectedHandler.class);
			assertThat(context).doesNotHaveBean(ProblemErrorReportValveCustomizer.class);
		});
	}

	@Test
	void contextWhenApplicationDeclaresAHandlerThenOursBacksOff() {
		this.runner.withBean(RequestRejectedHandler.class, HttpStatusRequestRejectedHandler::new).run((context) -> {
			assertThat(context).getBean(RequestRejectedHandler.class)
				.isInstanceOf(HttpStatusRequestRejectedHandler.class);
			assertThat(context).hasSingleBean(ProblemErrorReportValveCustomizer.class);
		});
	}

	@Test
	void contextWhenTomcatAbsentThenNoValveCustomizer() {
		this.runner.withClassLoader(new FilteredClassLoader(Tomcat.class)).run((context) -> {
			assertThat(context).hasSingleBean(ProblemRequestRejectedHandler.class);
			assertThat(context).doesNotHaveBean(ProblemErrorReportValveCustomizer.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class WriterConfiguration {

		@Bean
		ProblemResponseWriter problemResponseWriter() {
			return new ProblemResponseWriter(JsonMapper.builder().build(), new StaticMessageSource());
		}

	}

}
