package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before any controller runs (by Tomcat, which cannot parse them, or by
 * Spring Security's firewall) still answer a problem document on jwt-allauth's paths,
 * while the application's paths keep the container's own answer unless
 * {@code jwtallauth.rejected-requests} is {@code all-paths}. Sent over a raw socket,
 * since an HTTP client refuses to send most of them.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class RejectedRequestProblemTests {

	static final String OVERSIZED_HEADER = "X-Padding: " + "a".repeat(20 * 1024) + "\r\n";

	@LocalServerPort
	int port;

	@Test
	void oversizedHeaderWhenOnJwtAllAuthPathThenInvalidProblem() {
		RawResponse response = get("/jwt-allauth/login", OVERSIZED_HEADER);
		assertInvalidProblem(response);
	}

	@Test
	void malformedPathWhenUnderBasePathThenInvalidProblem() {
		for (String path : List.of("/jwt-allauth/%zz", "/jwt-allauth/a%00b", "/jwt-allauth/a%0Ab", "/jwt-allauth/a%2Fb",
				"/jwt-allauth/a%5Cb", "/jwt-allauth/../../x", "/jwt-allauth/..;/..;/x")) {
			assertInvalidProblem(get(path, ""));
		}
	}

	@Test
	void firewallRejectionWhenUnderBasePathThenInvalidProblem() {
		for (String path : List.of("/jwt-allauth//login", "/jwt-allauth/login;x=1", "/jwt-allauth/a%25b",
				"/jwt-allauth/%2e%2e/login", "/jwt-allauth/..;/login")) {
			assertInvalidProblem(get(path, "Accept: application/json\r\n"));
		}
	}

	@Test
	void malformedRequestWhenOnApplicationPathThenContainerAnswerUnchanged() {
		// a raw backslash or control character stops Tomcat before it has read the path,
		// so whose path
		// it was is unknown
		for (RawResponse response : List.of(get("/api/%zz", ""), get("/api/public", OVERSIZED_HEADER),
				get("/jwt-allauth/a\\b", ""), get("/jwt-allauth/a\u0001b", ""))) {
			assertThat(response.status()).as(response.head()).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(response.head()).startsWith("text/html");
		}
	}

	@Nested
	@TestPropertySource(properties = "jwtallauth.rejected-requests=all-paths")
	class AllPaths {

		@LocalServerPort
		int port;

		@Test
		void malformedRequestWhenOnAnyPathThenInvalidProblem() {
			for (RawResponse response : List.of(send(this.port, "/api/%zz", ""),
					send(this.port, "/api/public", OVERSIZED_HEADER), send(this.port, "/api/a\\b", ""),
					send(this.port, "/api/a\u0001b", ""), send(this.port, "/api//public", ""),
					send(this.port, "/jwt-allauth/a%2Fb", ""))) {
				assertInvalidProblem(response);
			}
		}

	}

	private static void assertInvalidProblem(RawResponse response) {
		assertThat(response.status()).as(response.head()).isEqualTo(400);
		assertThat(response.header("Content-Type")).as(response.head()).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("code").asString()).isEqualTo("invalid");
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private RawResponse get(String target, String headers) {
		return send(this.port, target, headers);
	}

	static RawResponse send(int port, String target, String headers) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return RawResponse.parse(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record RawResponse(String target, String head, String body) {

		static RawResponse parse(String target, String raw) {
			int split = raw.indexOf("\r\n\r\n");
			String head = (split < 0) ? raw : raw.substring(0, split);
			String body = (split < 0) ? "" : raw.substring(split + 4);
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new RawResponse(target, "GET " + target + " -> " + head, body);
		}

		int status() {
			return Integer.parseInt(this.head.substring(this.head.indexOf("HTTP/1.1 ") + 9).substring(0, 3));
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
					return line.substring(name.length() + 1).strip();
				}
			}
			return "";
		}

		private static String dechunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					return body.toString();
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
		}

	}

}
