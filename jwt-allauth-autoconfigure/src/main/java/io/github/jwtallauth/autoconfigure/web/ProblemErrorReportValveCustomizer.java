package io.github.jwtallauth.autoconfigure.web;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPaths;

/**
 * Puts a {@link ProblemErrorReportValve} on Tomcat's host in place of the error report
 * valve Spring Boot (or Tomcat) would install, keeping its {@code showReport} and
 * {@code showServerInfo} settings.
 *
 * @author jwt-allauth contributors
 */
final class ProblemErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final ProblemResponseWriter writer;

	private final @Nullable JwtAllAuthPaths paths;

	ProblemErrorReportValveCustomizer(ProblemResponseWriter writer, @Nullable JwtAllAuthPaths paths) {
		this.writer = writer;
		this.paths = paths;
	}

	@Override
	public int getOrder() {
		// after Boot's own customizer, so that the valve it adds is already on the host
		// to be replaced
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(this::replaceErrorReportValve);
	}

	private void replaceErrorReportValve(Context context) {
		Container parent = context.getParent();
		if (!(parent instanceof StandardHost host)) {
			return;
		}
		ProblemErrorReportValve valve = new ProblemErrorReportValve(this.writer, this.paths, context.getPath());
		Pipeline pipeline = host.getPipeline();
		for (Valve existing : pipeline.getValves()) {
			if (existing instanceof ErrorReportValve report) {
				valve.setShowReport(report.isShowReport());
				valve.setShowServerInfo(report.isShowServerInfo());
				pipeline.removeValve(existing);
			}
		}
		pipeline.addValve(valve);
		// the host adds a valve of this class at start unless one is there: ours is
		host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
	}

}
