package io.github.jwtallauth.autoconfigure.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;

/**
 * Answers a request that Spring Security's firewall rejects (a path that is not
 * normalised, an encoded percent sign, a semicolon, a control character, a forbidden
 * header value, ...) with a 400 {@code invalid} problem document, on jwt-allauth's paths
 * or, with {@code jwtallauth.rejected-requests=all-paths}, on every path. Other paths get
 * Spring Security's default: a plain 400 that the application's error handling renders.
 * Without it the 400 goes to {@code /error} through the application's filter chain, which
 * may turn it into a misleading 401.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(ProblemRequestRejectedHandler.class);

	private final ProblemResponseWriter writer;

	private final @Nullable JwtAllAuthPaths paths;

	private final RequestRejectedHandler otherPaths = new HttpStatusRequestRejectedHandler();

	/**
	 * Create the handler.
	 * @param writer the writer of the problem documents
	 * @param paths jwt-allauth's paths, or {@code null} to answer problems on every path
	 */
	public ProblemRequestRejectedHandler(ProblemResponseWriter writer, @Nullable JwtAllAuthPaths paths) {
		Assert.notNull(writer, "'writer' must not be null");
		this.writer = writer;
		this.paths = paths;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException, ServletException {
		if (this.paths != null && !this.paths.matches(request)) {
			this.otherPaths.handle(request, response, requestRejectedException);
			return;
		}
		// the firewall's message may quote a header value, so it is not logged
		logger.debug("Answering 400: Spring Security's firewall rejected the request");
		this.writer.write(request, response, new JwtAllAuthException(ErrorCode.MALFORMED_REQUEST));
	}

}
