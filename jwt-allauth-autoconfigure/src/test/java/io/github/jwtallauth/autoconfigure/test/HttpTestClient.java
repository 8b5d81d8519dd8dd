package io.github.jwtallauth.autoconfigure.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client over a real socket, with no cookie jar, so tests see exactly which
 * cookies the server sets and send exactly the ones they mean to.
 */
public final class HttpTestClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String basePath;

	public HttpTestClient(int port) {
		this(port, OpenApiValidation.DEFAULT_BASE_PATH);
	}

	/**
	 * A client of an application whose jwt-allauth endpoints are under another base path.
	 * @param port the port
	 * @param basePath the application's {@code jwtallauth.base-path}, which the answers
	 * are checked under
	 */
	public HttpTestClient(int port, String basePath) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.basePath = basePath;
	}

	public Request get(String path) {
		return new Request("GET", path);
	}

	public Request post(String path) {
		return new Request("POST", path);
	}

	public Request patch(String path) {
		return new Request("PATCH", path);
	}

	public Request delete(String path) {
		return new Request("DELETE", path);
	}

	public final class Request {

		private final HttpRequest.Builder builder;

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		private final String method;

		Request(String method, String path) {
			this.method = method;
			this.builder = HttpRequest.newBuilder(URI.create(HttpTestClient.this.baseUrl + path))
				.timeout(Duration.ofSeconds(20));
		}

		public Request json(String json) {
			this.builder.header("Content-Type", "application/json");
			this.body = HttpRequest.BodyPublishers.ofString(json);
			return this;
		}

		public Request body(String contentType, String content) {
			this.builder.header("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofString(content);
			return this;
		}

		public Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Request cookie(String name, String value) {
			return header("Cookie", name + "=" + value);
		}

		public Request header(String name, String value) {
			this.builder.header(name, value);
			return this;
		}

		public Response send() {
			try {
				HttpResponse<String> response = HttpTestClient.this.client
					.send(this.builder.method(this.method, this.body).build(), HttpResponse.BodyHandlers.ofString());
				// every answer of every HTTP test is checked against docs/openapi.yaml
				OpenApiValidation.assertDocumented(HttpTestClient.this.basePath, this.method, response.uri(),
						response.statusCode(), response.headers().map(), response.body());
				return new Response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	public static final class Response {

		private final HttpResponse<String> response;

		Response(HttpResponse<String> response) {
			this.response = response;
		}

		public int status() {
			return this.response.statusCode();
		}

		public String body() {
			return this.response.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.response.body());
		}

		public String text(String field) {
			JsonNode node = json().get(field);
			return (node != null) ? node.asString() : null;
		}

		public Optional<String> header(String name) {
			return this.response.headers().firstValue(name);
		}

		public List<String> headers(String name) {
			return this.response.headers().allValues(name);
		}

		/** The full Set-Cookie header for a cookie, or empty. */
		public Optional<String> setCookie(String name) {
			return headers("Set-Cookie").stream().filter((value) -> value.startsWith(name + "=")).findFirst();
		}

		/** The value a Set-Cookie header gives a cookie, or empty. */
		public Optional<String> cookieValue(String name) {
			return setCookie(name).map((header) -> header.substring(name.length() + 1,
					header.indexOf(';') < 0 ? header.length() : header.indexOf(';')));
		}

		@Override
		public String toString() {
			return this.response.statusCode() + " " + this.response.body();
		}

	}

}
