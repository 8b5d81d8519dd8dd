package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.github.jwtallauth.autoconfigure.problem.DatabaseFailures;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPaths;

/**
 * Answers every failure on jwt-allauth's own paths (its endpoints, anything under the
 * base path, the JWK set) as a problem document with a {@code code}. Requests to the
 * application's paths are left to the application's own error handling. Ordered first so
 * that Spring MVC's defaults, which answer without a {@code code}, never see our
 * requests.
 *
 * @author jwt-allauth contributors
 */
final class ProblemExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final Log logger = LogFactory.getLog(ProblemExceptionResolver.class);

	private static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

	private final ProblemResponseWriter writer;

	private final JwtAllAuthPaths paths;

	ProblemExceptionResolver(ProblemResponseWriter writer, String basePath, String jwksPath, String discoveryPath) {
		this.writer = writer;
		this.paths = new JwtAllAuthPaths(basePath, jwksPath, discoveryPath);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!isOurs(request, handler) || ex instanceof AuthenticationException || ex instanceof AccessDeniedException) {
			return null;
		}
		try {
			this.writer.write(request, response, toProblem(request, ex), headers(ex));
		}
		catch (IOException writeFailure) {
			logger.debug("Could not write problem response", writeFailure);
		}
		return new ModelAndView();
	}

	private boolean isOurs(HttpServletRequest request, @Nullable Object handler) {
		if (handler instanceof HandlerMethod method) {
			// jwt-allauth's controllers all live in this package; a subclass of one (an
			// application's
			// replacement) is ours too, so a new controller needs no registration here
			for (Class<?> type = method.getBeanType(); type != null
					&& type != Object.class; type = type.getSuperclass()) {
				if (type.getPackageName().equals(ProblemExceptionResolver.class.getPackageName())) {
					return true;
				}
			}
			return false;
		}
		return this.paths.matches(request);
	}

	private static HttpHeaders headers(Exception ex) {
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
			Set<HttpMethod> allowed = notSupported.getSupportedHttpMethods();
			if (allowed != null) {
				headers.setAllow(allowed);
			}
		}
		return headers;
	}

	private JwtAllAuthException toProblem(HttpServletRequest request, Exception ex) {
		if (ex instanceof JwtAllAuthException problem) {
			return problem;
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return new JwtAllAuthException(ErrorCode.METHOD_NOT_ALLOWED);
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return new JwtAllAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return new JwtAllAuthException(ErrorCode.NOT_ACCEPTABLE);
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return JwtAllAuthException.invalid(Map.of("body", List.of("The body is missing or is not valid JSON.")));
		}
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			return JwtAllAuthException.invalid(Map.of(mismatch.getName(), List.of("Invalid value.")));
		}
		if (ex instanceof ServletRequestBindingException) {
			return JwtAllAuthException.invalid(Map.of());
		}
		if (ex instanceof RequestRejectedException || isUnparsableForm(ex)) {
			// Form parameters are parsed, and their names checked by the firewall, only
			// when the controller reads the body: past the firewall's own handler. The
			// message may quote the request, so it is not logged.
			logger.debug("Answering 400: the form parameters were refused");
			return new JwtAllAuthException(ErrorCode.MALFORMED_REQUEST);
		}
		if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
			return JwtAllAuthException.notFound();
		}
		if (DatabaseFailures.isUnavailable(ex)) {
			// an outage, not a bug: one line per request, the stack trace adds nothing
			DatabaseFailures.warn(logger, loggedRequest(request) + ", answered 503 unavailable", ex);
			return new JwtAllAuthException(ErrorCode.UNAVAILABLE);
		}
		logger.error("Unexpected " + ex.getClass().getName() + " on a jwt-allauth endpoint", ex);
		return new JwtAllAuthException(ErrorCode.SERVER_ERROR);
	}

	/**
	 * The request as a log line may name it: its method and the pattern of the endpoint
	 * that served it, never the path as sent, which can carry a capability (the
	 * password-reset link's token is a path segment).
	 * @param request the request
	 * @return the method and the endpoint's pattern
	 */
	static String loggedRequest(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return request.getMethod() + " " + ((pattern != null) ? pattern : "(path not logged)");
	}

	/**
	 * Whether Tomcat refused to parse the form parameters (an empty name, a bad
	 * percent-encoding). Named, not imported: the library does not require Tomcat.
	 */
	private static boolean isUnparsableForm(Exception ex) {
		return TOMCAT_INVALID_PARAMETER.equals(ex.getClass().getName());
	}

}
