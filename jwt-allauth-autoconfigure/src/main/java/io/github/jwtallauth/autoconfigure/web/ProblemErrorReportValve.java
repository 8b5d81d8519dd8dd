package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPaths;

/**
 * Tomcat's error report valve, answering a problem document instead of Tomcat's HTML page
 * when Tomcat refuses a request itself: a request line or header it cannot parse, a
 * header over {@code server.max-http-request-header-size}, a path with an invalid escape,
 * an encoded slash or backslash, or dot segments leaving the root. Such a request never
 * reaches a servlet, so neither jwt-allauth's endpoints nor Spring Boot's {@code /error}
 * can answer it. Installed on the host in place of Boot's valve, with its settings;
 * requests outside jwt-allauth's paths keep Tomcat's page unless
 * {@code jwtallauth.rejected-requests} is {@code all-paths}. So do requests whose request
 * line Tomcat could not read (a raw backslash, space or control character in the target):
 * their path is unknown, so they cannot be told to be jwt-allauth's.
 *
 * @author jwt-allauth contributors
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	private static final Log logger = LogFactory.getLog(ProblemErrorReportValve.class);

	private final ProblemResponseWriter writer;

	private final @Nullable JwtAllAuthPaths paths;

	private final String contextPath;

	/**
	 * Create the valve.
	 * @param writer the writer of the problem documents
	 * @param paths jwt-allauth's paths, or {@code null} to answer problems on every path
	 * @param contextPath the context path of the application
	 */
	ProblemErrorReportValve(ProblemResponseWriter writer, @Nullable JwtAllAuthPaths paths, String contextPath) {
		Assert.notNull(writer, "'writer' must not be null");
		Assert.notNull(contextPath, "'contextPath' must not be null");
		this.writer = writer;
		this.paths = paths;
		this.contextPath = contextPath;
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		JwtAllAuthException problem = isAnsweredWithProblem(request) ? problem(response.getStatus()) : null;
		if (problem == null) {
			super.report(request, response, throwable);
			return;
		}
		// the guards of Tomcat's own report: nothing written yet, reported once,
		// connection still usable
		if (response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			this.writer.write(request, response, problem);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not write the problem for a request Tomcat refused", ex);
		}
	}

	private boolean isAnsweredWithProblem(Request request) {
		return this.paths == null || this.paths.matches(request.getRequestURI(), this.contextPath);
	}

	private static @Nullable JwtAllAuthException problem(int status) {
		HttpStatus resolved = HttpStatus.resolve(status);
		if (resolved == null || status < 400) {
			return null;
		}
		if (resolved.is5xxServerError()) {
			return new JwtAllAuthException(ErrorCode.SERVER_ERROR).withStatus(status);
		}
		if (resolved == HttpStatus.NOT_FOUND) {
			return JwtAllAuthException.notFound();
		}
		return JwtAllAuthException.malformedRequest(status);
	}

}
