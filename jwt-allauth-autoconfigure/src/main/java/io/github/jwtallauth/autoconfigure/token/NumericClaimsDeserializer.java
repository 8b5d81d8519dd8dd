package io.github.jwtallauth.autoconfigure.token;

import java.io.Reader;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.io.Deserializer;

import org.springframework.util.Assert;

/**
 * Reads a token's JSON with jjwt's deserializer, then refuses the numeric claims
 * ({@code exp}, {@code iat}, {@code nbf}, {@code session_iat}, {@code role}) unless each
 * is a whole number in range. This must happen on the raw JSON values: jjwt reads a time
 * from a numeric string or an ISO-8601 date and cuts a fraction or an overflowing integer
 * down to a long, and {@code role} read as an int turns 2^32 + 1000 into 1000. A refused
 * payload is not read as claims at all, so a parser that wants signed claims rejects the
 * token; the signature has already been checked by then.
 *
 * @author jwt-allauth contributors
 */
final class NumericClaimsDeserializer implements Deserializer<Map<String, ?>> {

	/**
	 * Latest second jjwt turns into a {@link java.util.Date} (milliseconds in a long)
	 * without overflow.
	 */
	static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1000;

	private static final List<String> TIME_CLAIMS = List.of("exp", "iat", "nbf", "session_iat");

	private final Deserializer<Map<String, ?>> json;

	NumericClaimsDeserializer(Deserializer<Map<String, ?>> json) {
		Assert.notNull(json, "'json' must not be null");
		this.json = json;
	}

	/**
	 * Wrap the JSON deserializer that jjwt itself would use when given none.
	 * @return the deserializer
	 */
	@SuppressWarnings("unchecked")
	static NumericClaimsDeserializer wrappingDefault() {
		Deserializer<Map<String, ?>> json = ServiceLoader
			.load(Deserializer.class, NumericClaimsDeserializer.class.getClassLoader())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No jjwt JSON deserializer found; add jjwt-jackson"));
		return new NumericClaimsDeserializer(json);
	}

	@Override
	public Map<String, ?> deserialize(Reader reader) throws DeserializationException {
		return checked(this.json.deserialize(reader));
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public Map<String, ?> deserialize(byte[] bytes) throws DeserializationException {
		return checked(this.json.deserialize(bytes));
	}

	private static Map<String, ?> checked(Map<String, ?> claims) {
		for (String claim : TIME_CLAIMS) {
			if (claims.containsKey(claim)) {
				requireWholeNumber(claims, claim, 0, MAX_EPOCH_SECOND);
			}
		}
		if (claims.containsKey("role")) {
			requireWholeNumber(claims, "role", Integer.MIN_VALUE, Integer.MAX_VALUE);
		}
		return claims;
	}

	// A JSON number written with a fraction or an exponent arrives as a Double or a
	// BigDecimal and is
	// refused even when its value is whole: this server never writes one.
	private static void requireWholeNumber(Map<String, ?> claims, String claim, long min, long max) {
		Object value = claims.get(claim);
		boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
				|| value instanceof Byte || (value instanceof BigInteger big && big.bitLength() < Long.SIZE);
		if (!integral || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
			throw new DeserializationException("Claim '" + claim + "' is not a whole number in range");
		}
	}

}
