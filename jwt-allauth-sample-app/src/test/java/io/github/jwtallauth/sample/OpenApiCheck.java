package io.github.jwtallauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Checks the answers of jwt-allauth's endpoints against the OpenAPI description the
 * application serves ({@code jwtallauth.openapi.enabled}): status, content type and body,
 * {@code code} values included. The application's own paths are not in it and are left
 * alone.
 */
final class OpenApiCheck {

	private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new LinkedHashMap<>();

	private OpenApiCheck() {
	}

	/**
	 * Fail when an answer is not the one the served document describes.
	 * @param response the answer
	 * @return the answer
	 */
	static HttpResponse<String> documented(HttpResponse<String> response) {
		URI uri = response.request().uri();
		ValidationReport report = validator(uri).validateResponse(uri.getRawPath(),
				Request.Method.valueOf(response.request().method().toUpperCase(Locale.ROOT)), simple(response));
		List<String> problems = report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.collect(Collectors.toList());
		if (!problems.isEmpty()) {
			throw new AssertionError("The answer to " + response.request().method() + " " + uri.getRawPath() + " ("
					+ response.statusCode() + " " + response.body() + ") is not the one /jwt-allauth/openapi.yaml"
					+ " describes: " + problems);
		}
		return response;
	}

	private static SimpleResponse simple(HttpResponse<String> response) {
		SimpleResponse.Builder builder = new SimpleResponse.Builder(response.statusCode());
		response.headers().map().forEach(builder::withHeader);
		if (response.body() != null && !response.body().isEmpty()) {
			builder.withBody(response.body());
		}
		return builder.build();
	}

	private static synchronized OpenApiInteractionValidator validator(URI uri) {
		String origin = uri.getScheme() + "://" + uri.getAuthority();
		return VALIDATORS.computeIfAbsent(origin,
				(key) -> OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(served(key)))
					.withLevelResolver(LevelResolver.create()
						// the tests may send wrong requests on purpose: only the answers
						// are judged
						.withLevel("validation.request", ValidationReport.Level.IGNORE)
						// the validator would otherwise close every schema, which breaks
						// allOf
						.withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
						.withDefaultLevel(ValidationReport.Level.ERROR)
						.build())
					.build());
	}

	private static String served(String origin) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(origin + "/jwt-allauth/openapi.yaml")).build(),
						HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError("The application does not serve its OpenAPI description: " + response);
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// The validator checks OpenAPI 3.0 schemas only (3.1 type lists pass unchecked): the
	// nullable types are translated, the one 3.1 construct the document uses.
	private static String asOpenApi30(String yaml31) {
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
			return list.stream().map(OpenApiCheck::downgrade).collect(Collectors.toList());
		}
		return node;
	}

}
