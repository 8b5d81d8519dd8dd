package io.github.jwtallauth.autoconfigure.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Checks answers against docs/openapi.yaml (as packaged in the jar): every answer of a
 * documented operation must have a documented status, content type and body. Requests are
 * not judged (the tests send wrong ones on purpose), and paths the document does not name
 * are left alone (the application's paths). The document's paths are moved under the
 * application's base path, as the served document's are.
 * <p>
 * The validator reads OpenAPI 3.0 schemas only (it passes 3.1 type lists through
 * unchecked), so the document is handed to it translated: {@code type: [T, 'null']}
 * becomes {@code type: T, nullable: true}. Nothing else in the document is 3.1-only.
 */
public final class OpenApiValidation {

	private static final String RESOURCE = "io/github/jwtallauth/openapi.yaml";

	static final String DEFAULT_BASE_PATH = "/jwt-allauth";

	private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

	private OpenApiValidation() {
	}

	/**
	 * The document's problems with an answer of an application whose base path is the
	 * default one.
	 * @param method the request method
	 * @param uri the request URI
	 * @param status the status
	 * @param headers the response headers
	 * @param body the response body
	 * @return the problems, empty when the answer is documented
	 */
	public static List<String> problems(String method, URI uri, int status, Map<String, List<String>> headers,
			String body) {
		return problems(DEFAULT_BASE_PATH, method, uri, status, headers, body);
	}

	/**
	 * The document's problems with an answer.
	 * @param basePath the application's {@code jwtallauth.base-path}
	 * @param method the request method
	 * @param uri the request URI
	 * @param status the status
	 * @param headers the response headers
	 * @param body the response body
	 * @return the problems, empty when the answer is documented
	 */
	public static List<String> problems(String basePath, String method, URI uri, int status,
			Map<String, List<String>> headers, String body) {
		SimpleResponse.Builder response = new SimpleResponse.Builder(status);
		headers.forEach(response::withHeader);
		if (body != null && !body.isEmpty()) {
			response.withBody(body);
		}
		ValidationReport report = validator(basePath).validateResponse(uri.getRawPath(),
				Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
		return report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.collect(Collectors.toList());
	}

	/**
	 * Fail when an answer is not what the document says.
	 * @param basePath the application's {@code jwtallauth.base-path}
	 * @param method the request method
	 * @param uri the request URI
	 * @param status the status
	 * @param headers the response headers
	 * @param body the response body
	 */
	public static void assertDocumented(String basePath, String method, URI uri, int status,
			Map<String, List<String>> headers, String body) {
		List<String> problems = problems(basePath, method, uri, status, headers, body);
		if (!problems.isEmpty()) {
			throw new AssertionError("The answer to " + method + " " + uri.getRawPath() + " (" + status + " " + body
					+ ") is not the one docs/openapi.yaml describes: " + problems);
		}
	}

	/**
	 * The document as packaged.
	 * @return the YAML text
	 */
	public static String read() {
		try (InputStream in = OpenApiValidation.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static OpenApiInteractionValidator validator(String basePath) {
		return VALIDATORS.computeIfAbsent(basePath,
				(key) -> OpenApiInteractionValidator
					.createForInlineApiSpecification(
							asOpenApi30(read().replace("\n  " + DEFAULT_BASE_PATH + "/", "\n  " + key + "/")))
					.withLevelResolver(LevelResolver.create()
						.withLevel("validation.request", ValidationReport.Level.IGNORE)
						// the validator would otherwise close every schema
						// (additionalProperties:
						// false), which breaks allOf; the document closes the schemas
						// that are closed
						.withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
						.withDefaultLevel(ValidationReport.Level.ERROR)
						.build())
					.build());
	}

	static String asOpenApi30(String yaml31) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()));
		Map<String, Object> document = yaml.load(yaml31);
		document.put("openapi", "3.0.3");
		return yaml.dump(downgrade(document));
	}

	@SuppressWarnings("unchecked")
	private static Object downgrade(Object node) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, value) -> {
				if (key.equals("type") && value instanceof List<?> types && types.contains("null")) {
					List<Object> others = new ArrayList<>(types);
					others.remove("null");
					result.put("type", others.get(0));
					result.put("nullable", true);
				}
				else {
					result.put(key, downgrade(value));
				}
			});
			return result;
		}
		if (node instanceof List<?> list) {
			return list.stream().map(OpenApiValidation::downgrade).collect(Collectors.toList());
		}
		return node;
	}

}
