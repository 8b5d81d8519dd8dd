package io.github.jwtallauth.autoconfigure.token;

import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JweHeader;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.InvalidSecretPropertyException;
import io.github.jwtallauth.autoconfigure.JwtAlgorithm;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.TokenClaimNames;

/**
 * {@link TokenService} on jjwt. Access tokens are signed with the configured algorithm
 * and key; refresh tokens, which only this server reads, with a separate HMAC key so that
 * a rotation costs one asymmetric signature, not two. Verification pins the algorithm and
 * the token type, and refuses numeric claims that are not whole numbers in range
 * ({@link NumericClaimsDeserializer}).
 *
 * @author jwt-allauth contributors
 */
final class JjwtTokenService implements TokenService {

	/** Tokens longer than this are refused before they are parsed. */
	public static final int MAX_TOKEN_LENGTH = 8 * 1024;

	static final String TOKEN_TYPE = "token_type";

	private final SigningKeys keys;

	private final JwtAllAuthProperties.Jwt properties;

	private final Clock clock;

	private final List<String> attributeClaims;

	private final Map<Integer, List<String>> roleNames;

	private final SecureDigestAlgorithm<Key, ?> accessAlgorithm;

	private final JwtParser accessParser;

	private final JwtParser refreshParser;

	private final JwtParser resetCapabilityParser;

	private final JwtParser setCapabilityParser;

	/**
	 * Create a token service.
	 * @param keys the key material
	 * @param properties the token properties
	 * @param attributeClaims the names of the configured user-attribute claims
	 * @param roles the names of the integer roles, written to the roles claim
	 * @param clock the clock that stamps and checks times
	 */
	JjwtTokenService(SigningKeys keys, JwtAllAuthProperties.Jwt properties, Set<String> attributeClaims,
			Map<Integer, String> roles, Clock clock) {
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.attributeClaims = List.copyOf(attributeClaims);
		Map<Integer, List<String>> names = new LinkedHashMap<>();
		roles.forEach((role, name) -> names.put(role, List.of(name)));
		this.roleNames = Map.copyOf(names);
		this.accessAlgorithm = JjwtAlgorithms.signatureAlgorithm(keys.algorithm());
		NumericClaimsDeserializer json = NumericClaimsDeserializer.wrappingDefault();
		this.accessParser = parser(new AccessKeyLocator(), json).require(TOKEN_TYPE, "access").build();
		this.refreshParser = parser(new RefreshKeyLocator(), json).require(TOKEN_TYPE, "refresh").build();
		this.resetCapabilityParser = parser(new RefreshKeyLocator(), json)
			.require(TOKEN_TYPE, PASSWORD_RESET_CAPABILITY)
			.build();
		this.setCapabilityParser = parser(new RefreshKeyLocator(), json).require(TOKEN_TYPE, PASSWORD_SET_CAPABILITY)
			.build();
		probe();
	}

	private JwtParserBuilder parser(LocatorAdapter<Key> keyLocator, NumericClaimsDeserializer json) {
		JwtParserBuilder builder = Jwts.parser()
			.json(json)
			.keyLocator(keyLocator)
			.requireIssuer(this.properties.issuer())
			.clockSkewSeconds(this.properties.clockSkew().toSeconds())
			.clock(() -> Date.from(this.clock.instant()));
		if (this.properties.audience() != null) {
			builder.requireAudience(this.properties.audience());
		}
		return builder;
	}

	// Fail at start-up, not on the first login, when the key cannot sign (an EC key on
	// the wrong
	// curve, an RSA key under 2048 bits).
	private void probe() {
		try {
			TokenSubject subject = new TokenSubject("probe", 0, false, Map.of());
			Instant now = now();
			SessionTokenClaims session = new SessionTokenClaims("probe", now, Instant.MAX);
			verifyAccessToken(createAccessToken(subject, session));
			verifyRefreshToken(createRefreshToken(subject, session, TokenIds.newTokenId(), now, now.plusSeconds(60)));
		}
		catch (RuntimeException ex) {
			String property = this.keys.algorithm().isAsymmetric() ? "jwtallauth.jwt.private-key"
					: "jwtallauth.jwt.secret";
			throw new InvalidSecretPropertyException(property,
					"the key cannot sign " + this.keys.algorithm() + " tokens: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String createAccessToken(TokenSubject subject, SessionTokenClaims session) {
		Instant now = now();
		Instant expiresAt = min(now.plus(this.properties.accessTokenLifetime()), session.deadline());
		JwtBuilder builder = Jwts.builder();
		if (this.keys.keyId() != null) {
			builder.header().keyId(this.keys.keyId());
		}
		builder.issuer(this.properties.issuer());
		if (this.properties.audience() != null) {
			builder.audience().add(this.properties.audience());
		}
		builder.subject(subject.userId())
			.issuedAt(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(TokenIds.newTokenId())
			.claim(TOKEN_TYPE, "access")
			.claim("sid", session.sessionId())
			.claim("session_iat", session.sessionIssuedAt().getEpochSecond())
			.claim("role", subject.role())
			.claim("email_verified", subject.emailVerified());
		subject.attributes().forEach(builder::claim);
		// Written last so that nothing else takes its name. One name, as the issuing
		// application's own authorities are one ROLE_ per role: a resource server that
		// maps this claim sees the same authorities.
		builder.claim(this.properties.rolesClaim(), this.roleNames.getOrDefault(subject.role(), List.of()));
		return builder.signWith(this.keys.signingKey(), this.accessAlgorithm).compact();
	}

	@Override
	public String createRefreshToken(TokenSubject subject, SessionTokenClaims session, String tokenId, Instant issuedAt,
			Instant expiresAt) {
		JwtBuilder builder = Jwts.builder().issuer(this.properties.issuer());
		if (this.properties.audience() != null) {
			builder.audience().add(this.properties.audience());
		}
		return builder.subject(subject.userId())
			.issuedAt(Date.from(issuedAt))
			.expiration(Date.from(expiresAt))
			.id(tokenId)
			.claim(TOKEN_TYPE, "refresh")
			.claim("sid", session.sessionId())
			.claim("session_iat", session.sessionIssuedAt().getEpochSecond())
			.signWith(this.keys.refreshKey(), Jwts.SIG.HS256)
			.compact();
	}

	@Override
	public AccessTokenClaims verifyAccessToken(String token) {
		Claims claims = parse(this.accessParser, token);
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		for (String claim : this.attributeClaims) {
			attributes.put(claim, claims.get(claim));
		}
		// claims added by JwtAllAuthTokenCustomizer beans: everything that is not a
		// registered claim
		claims.forEach((claim, value) -> {
			if (!TokenClaimNames.RESERVED.contains(claim) && !claim.equals(this.properties.rolesClaim())) {
				attributes.putIfAbsent(claim, value);
			}
		});
		return new AccessTokenClaims(required(claims.getSubject(), "sub"), requiredString(claims, "sid"),
				Instant.ofEpochSecond(requiredNumber(claims, "session_iat").longValue()),
				requiredNumber(claims, "role").intValue(), Boolean.TRUE.equals(claims.get("email_verified")),
				attributes, required(claims.getId(), "jti"), claims.getExpiration().toInstant());
	}

	@Override
	public RefreshTokenClaims verifyRefreshToken(String token) {
		Claims claims;
		try {
			claims = parse(this.refreshParser, token);
		}
		catch (InvalidTokenException ex) {
			// The signature was checked before the expiry: tell the caller which session
			// ran out, so
			// that a session past its absolute deadline answers session_expired.
			if (ex.getCause() instanceof ExpiredJwtException expired && isRefreshToken(expired.getClaims())) {
				throw new ExpiredRefreshTokenException(refreshClaims(expired.getClaims()), expired);
			}
			throw ex;
		}
		return refreshClaims(claims);
	}

	// jjwt reports expiry before it checks required claims: check them here, as the
	// parser would have.
	private boolean isRefreshToken(Claims claims) {
		if (!"refresh".equals(claims.get(TOKEN_TYPE)) || !this.properties.issuer().equals(claims.getIssuer())) {
			return false;
		}
		String audience = this.properties.audience();
		return audience == null || (claims.getAudience() != null && claims.getAudience().contains(audience));
	}

	private static RefreshTokenClaims refreshClaims(Claims claims) {
		return new RefreshTokenClaims(required(claims.getSubject(), "sub"), requiredString(claims, "sid"),
				Instant.ofEpochSecond(requiredNumber(claims, "session_iat").longValue()),
				required(claims.getId(), "jti"), claims.getExpiration().toInstant());
	}

	@Override
	public String createCapabilityToken(String type, String userId, String tokenId, String csrfHash,
			Instant expiresAt) {
		Assert.isTrue(PASSWORD_RESET_CAPABILITY.equals(type) || PASSWORD_SET_CAPABILITY.equals(type),
				"Unknown capability type");
		JwtBuilder builder = Jwts.builder().issuer(this.properties.issuer());
		if (this.properties.audience() != null) {
			builder.audience().add(this.properties.audience());
		}
		return builder.subject(userId)
			.issuedAt(Date.from(now()))
			.expiration(Date.from(expiresAt))
			.id(tokenId)
			.claim(TOKEN_TYPE, type)
			.claim("csrf", csrfHash)
			.signWith(this.keys.refreshKey(), Jwts.SIG.HS256)
			.compact();
	}

	@Override
	public CapabilityClaims verifyCapabilityToken(String type, String token) {
		JwtParser parser = PASSWORD_RESET_CAPABILITY.equals(type) ? this.resetCapabilityParser
				: PASSWORD_SET_CAPABILITY.equals(type) ? this.setCapabilityParser : null;
		if (parser == null) {
			throw new InvalidTokenException("Unknown capability type");
		}
		Claims claims = parse(parser, token);
		return new CapabilityClaims(required(claims.getSubject(), "sub"), required(claims.getId(), "jti"),
				requiredString(claims, "csrf"), claims.getExpiration().toInstant());
	}

	@Override
	public Map<String, Object> jwkSet() {
		if (this.keys.publicJwks().isEmpty()) {
			return Map.of();
		}
		List<Map<String, Object>> jwks = new ArrayList<>();
		for (var jwk : this.keys.publicJwks()) {
			jwks.add(new LinkedHashMap<>(jwk));
		}
		return Map.of("keys", jwks);
	}

	private Claims parse(JwtParser parser, String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			throw new InvalidTokenException("Token is empty or longer than " + MAX_TOKEN_LENGTH + " characters");
		}
		try {
			Claims claims = parser.parseSignedClaims(token).getPayload();
			if (claims.getExpiration() == null) {
				throw new InvalidTokenException("Token has no expiry");
			}
			return claims;
		}
		catch (JwtException | IllegalArgumentException | ClassCastException ex) {
			throw new InvalidTokenException("Token rejected: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static String required(@Nullable String value, String claim) {
		if (value == null || value.isEmpty()) {
			throw new InvalidTokenException("Token has no '" + claim + "' claim");
		}
		return value;
	}

	private static String requiredString(Claims claims, String claim) {
		Object value = claims.get(claim);
		if (!(value instanceof String string)) {
			throw new InvalidTokenException("Token has no '" + claim + "' claim");
		}
		return required(string, claim);
	}

	private static Number requiredNumber(Claims claims, String claim) {
		Object value = claims.get(claim);
		if (!(value instanceof Number number)) {
			throw new InvalidTokenException("Token has no numeric '" + claim + "' claim");
		}
		return number;
	}

	private final class AccessKeyLocator extends LocatorAdapter<Key> {

		@Override
		protected Key locate(JwsHeader header) {
			JwtAlgorithm algorithm = JjwtTokenService.this.keys.algorithm();
			// Pin the algorithm: an attacker may not choose HS256 and sign with our
			// public key.
			if (!algorithm.name().equals(header.getAlgorithm())) {
				throw new UnsupportedJwtException("Unexpected algorithm");
			}
			String keyId = header.getKeyId();
			if (keyId == null) {
				return JjwtTokenService.this.keys.verificationKey();
			}
			Key key = JjwtTokenService.this.keys.verificationKeysById().get(keyId);
			if (key == null) {
				throw new UnsupportedJwtException("Unknown key id");
			}
			return key;
		}

		@Override
		protected Key locate(JweHeader header) {
			throw new UnsupportedJwtException("Encrypted tokens are not accepted");
		}

	}

	private final class RefreshKeyLocator extends LocatorAdapter<Key> {

		@Override
		protected Key locate(JwsHeader header) {
			if (!"HS256".equals(header.getAlgorithm()) || header.getKeyId() != null) {
				throw new UnsupportedJwtException("Unexpected algorithm");
			}
			return JjwtTokenService.this.keys.refreshKey();
		}

		@Override
		protected Key locate(JweHeader header) {
			throw new UnsupportedJwtException("Encrypted tokens are not accepted");
		}

	}

}
