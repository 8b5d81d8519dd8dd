package io.github.jwtallauth.autoconfigure.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * JSON documents built from fuzzed data for the fuzz tests: objects whose fields are
 * mostly the names the code under test reads, with values of every JSON type (and numbers
 * at the edges of every Java type), so that the fuzzer spends its time past the JSON
 * parser rather than in front of it.
 */
public final class FuzzJson {

	private static final String[] NUMBERS = { "0", "-0", "1", "-1", "0.5", "1e309", "-1e309", "1E-400", "2147483647",
			"2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
			"18446744073709551616", "123456789012345678901234567890", "1.0", "1e2", "4.2E1", "253402300800",
			"-62135596801", "NaN", "Infinity", "0x10", "01" };

	private final FuzzedDataProvider data;

	private final List<String> names;

	/**
	 * Create a builder.
	 * @param data the fuzzer's input
	 * @param names the field names to use most of the time
	 */
	public FuzzJson(FuzzedDataProvider data, List<String> names) {
		this.data = data;
		this.names = names;
	}

	/**
	 * An object of up to a few fields.
	 * @param depth how deep values may nest
	 * @return the JSON text
	 */
	public String object(int depth) {
		StringBuilder json = new StringBuilder("{");
		int fields = this.data.consumeInt(0, 6);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				json.append(',');
			}
			String name = (this.names.isEmpty() || this.data.consumeInt(0, 7) == 0) ? this.data.consumeString(12)
					: this.data.pickValue(this.names);
			json.append(string(name)).append(':').append(value(depth));
		}
		return json.append('}').toString();
	}

	/**
	 * Any JSON value.
	 * @param depth how deep arrays and objects may nest
	 * @return the JSON text
	 */
	public String value(int depth) {
		int kind = this.data.consumeInt(0, (depth > 0) ? 9 : 7);
		return switch (kind) {
			case 0 -> "null";
			case 1 -> Boolean.toString(this.data.consumeBoolean());
			case 2 -> Long.toString(this.data.consumeLong());
			case 3 -> this.data.pickValue(NUMBERS);
			case 4 -> Double.toString(this.data.consumeRegularDouble());
			case 5, 6 -> string(this.data.consumeString(40));
			case 7 -> "\"true\"";
			case 8 -> array(depth - 1);
			default -> object(depth - 1);
		};
	}

	private String array(int depth) {
		StringBuilder json = new StringBuilder("[");
		int items = this.data.consumeInt(0, 3);
		for (int i = 0; i < items; i++) {
			json.append((i > 0) ? "," : "").append(value(depth));
		}
		return json.append(']').toString();
	}

	/**
	 * A JSON string literal with every character that needs it escaped.
	 * @param text the string
	 * @return the literal
	 */
	public static String string(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	/**
	 * Base64url without padding, as JWTs encode their parts.
	 * @param bytes the bytes
	 * @return the encoding
	 */
	public static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Base64url of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the encoding
	 */
	public static String base64Url(String text) {
		return base64Url(text.getBytes(StandardCharsets.UTF_8));
	}

}
