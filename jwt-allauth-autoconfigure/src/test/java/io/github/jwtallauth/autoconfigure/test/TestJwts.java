package io.github.jwtallauth.autoconfigure.test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;

/**
 * Tokens that no well-behaved issuer writes: a real token's claims with one value
 * replaced by raw JSON, signed again with HS256, so that only the claim's type is wrong.
 */
public final class TestJwts {

	private static final BigInteger TWO_TO_THE_64 = BigInteger.TWO.pow(64);

	private TestJwts() {
	}

	/**
	 * Return the token with one claim set to raw JSON and signed again with HS256.
	 * @param token a compact token
	 * @param claim the claim to set (added when absent)
	 * @param template raw JSON of the value; {@code {}} stands for the claim's current
	 * value (or {@code fallback} when absent), {@code {+2^64}} for that value plus 2^64
	 * (equal to it modulo 2^64)
	 * @param fallback the value that {@code {}} stands for when the token has no such
	 * claim
	 * @param key the HMAC key
	 * @return the new token
	 */
	public static String withClaim(String token, String claim, String template, long fallback, Key key) {
		String payload = payload(token);
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(claim) + "\":(-?\\d+)").matcher(payload);
		long current = matcher.find() ? Long.parseLong(matcher.group(1)) : fallback;
		String raw = template.replace("{+2^64}", TWO_TO_THE_64.add(BigInteger.valueOf(current)).toString())
			.replace("{}", Long.toString(current));
		return hs256(withRawClaim(payload, claim, raw), key);
	}

	/**
	 * Sign a JSON payload exactly as written with HS256.
	 * @param payload the claims as JSON
	 * @param key the HMAC key
	 * @return the compact token
	 */
	public static String hs256(String payload, Key key) {
		String signingInput = base64("{\"alg\":\"HS256\"}") + "." + base64(payload);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the decoded payload of a compact token.
	 * @param token the token
	 * @return the JSON payload
	 */
	public static String payload(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	private static String withRawClaim(String payload, String claim, String raw) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(claim) + "\":(\"[^\"]*\"|[^,}]*)").matcher(payload);
		if (matcher.find()) {
			return matcher.replaceFirst(Matcher.quoteReplacement("\"" + claim + "\":" + raw));
		}
		return "{\"" + claim + "\":" + raw + "," + payload.substring(1);
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
