package io.github.jwtallauth.autoconfigure.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.jwtallauth.autoconfigure.actuate.JwtAllAuthActuatorAutoConfiguration;
import io.github.jwtallauth.autoconfigure.test.AutoConfigurationRunners;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache of verified access tokens, in the application context that serves requests:
 * its size bound, its statistics and meters, forged tokens, expiry.
 */
class VerifiedTokenCacheTests {

	private static final String SECRET = "jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-cache-tests";

	private final MutableClock clock = new MutableClock(Instant.now());

	private final WebApplicationContextRunner runner = AutoConfigurationRunners.core()
		.withConfiguration(AutoConfigurations.of(JwtAllAuthActuatorAutoConfiguration.class))
		.withBean(MutableClock.class, () -> this.clock)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(SECRET);

	@Test
	void sizeWhenSetThenCacheHoldsAtMostThatMany() {
		this.runner.withPropertyValues("jwtallauth.jwt.verified-token-cache-size=50").run((context) -> {
			AccessTokenAuthenticator authenticator = context.getBean(AccessTokenAuthenticator.class);
			VerifiedTokenCache cache = context.getBean(VerifiedTokenCache.class);
			for (int i = 0; i < 200; i++) {
				authenticator.authenticate(token(context, "user-" + i));
			}
			cache.cleanUp();
			assertThat(cache.maximumSize()).isEqualTo(50);
			assertThat(cache.size()).isLessThanOrEqualTo(50);
			assertThat(cache.evictions()).isGreaterThanOrEqualTo(150);
			assertThat(meter(context, "jwtallauth.tokens.cache.capacity")).isEqualTo(50);
			assertThat(context.getBean(MeterRegistry.class)
				.get("jwtallauth.tokens.cache.evictions")
				.functionCounter()
				.count()).isEqualTo(cache.evictions());
		});
	}

	@Test
	void sizeWhenUnsetThenDerivedFromTheHeap() {
		this.runner.run((context) -> assertThat(context.getBean(VerifiedTokenCache.class).maximumSize())
			.isEqualTo(VerifiedTokenCache.defaultMaximumSize(Runtime.getRuntime().maxMemory())));
		assertThat(VerifiedTokenCache.defaultMaximumSize(1024L * 1024 * 1024)).isEqualTo(178_956);
		assertThat(VerifiedTokenCache.defaultMaximumSize(32L * 1024 * 1024)).isEqualTo(10_000);
	}

	@Test
	void sizeWhenNegativeThenStartUpFails() {
		this.runner.withPropertyValues("jwtallauth.jwt.verified-token-cache-size=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("jwtallauth.jwt.verified-token-cache-size"));
	}

	@Test
	void authenticateWhenTokenSentAgainThenHitAndMetersCountIt() {
		this.runner.run((context) -> {
			AccessTokenAuthenticator authenticator = context.getBean(AccessTokenAuthenticator.class);
			String first = token(context, "alice");
			String second = token(context, "bob");
			authenticator.authenticate(first);
			authenticator.authenticate(first);
			authenticator.authenticate(first);
			authenticator.authenticate(second);
			VerifiedTokenCache cache = context.getBean(VerifiedTokenCache.class);
			assertThat(cache.hits()).isEqualTo(2);
			assertThat(cache.misses()).isEqualTo(2);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("jwtallauth.tokens.cache.requests").tag("result", "hit").functionCounter().count())
				.isEqualTo(2);
			assertThat(registry.get("jwtallauth.tokens.cache.requests").tag("result", "miss").functionCounter().count())
				.isEqualTo(2);
			assertThat(meter(context, "jwtallauth.tokens.cache.hit.ratio")).isEqualTo(0.5);
			cache.cleanUp();
			assertThat(meter(context, "jwtallauth.tokens.cache.size")).isEqualTo(2);
		});
	}

	@Test
	void authenticateWhenForgedVariantOfCachedTokenThenRefused() {
		this.runner.run((context) -> {
			AccessTokenAuthenticator authenticator = context.getBean(AccessTokenAuthenticator.class);
			String token = token(context, "alice");
			assertThat(authenticator.authenticate(token).getName()).isEqualTo("alice");
			String[] parts = token.split("\\.");
			// same header and claims, another signature; and a valid signature over other
			// claims
			String signature = parts[2];
			char last = signature.charAt(0);
			String forged = parts[0] + "." + parts[1] + "." + ((last == 'A') ? 'B' : 'A') + signature.substring(1);
			String otherClaims = parts[0] + "." + token(context, "mallory").split("\\.")[1] + "." + signature;
			for (String candidate : new String[] { forged, otherClaims, token + "x" }) {
				assertThatExceptionOfType(InvalidAccessTokenException.class)
					.isThrownBy(() -> authenticator.authenticate(candidate));
			}
			assertThat(context.getBean(VerifiedTokenCache.class).hits()).isZero();
			assertThat(authenticator.authenticate(token).getName()).isEqualTo("alice");
		});
	}

	@Test
	void authenticateWhenCachedTokenExpiredThenRefused() {
		this.runner.withPropertyValues("jwtallauth.jwt.access-token-lifetime=5m", "jwtallauth.jwt.clock-skew=10s")
			.run((context) -> {
				AccessTokenAuthenticator authenticator = context.getBean(AccessTokenAuthenticator.class);
				String token = token(context, "alice");
				authenticator.authenticate(token);
				this.clock.advance(Duration.ofMinutes(5));
				assertThat(authenticator.authenticate(token).getName()).isEqualTo("alice");
				this.clock.advance(Duration.ofSeconds(11));
				assertThatExceptionOfType(InvalidAccessTokenException.class)
					.isThrownBy(() -> authenticator.authenticate(token));
			});
	}

	@Test
	void authenticateWhenCacheOffThenEveryTokenVerified() {
		this.runner.withPropertyValues("jwtallauth.jwt.verified-token-cache-size=0").run((context) -> {
			AccessTokenAuthenticator authenticator = context.getBean(AccessTokenAuthenticator.class);
			String token = token(context, "alice");
			authenticator.authenticate(token);
			assertThat(authenticator.authenticate(token).getName()).isEqualTo("alice");
			VerifiedTokenCache cache = context.getBean(VerifiedTokenCache.class);
			assertThat(cache.size()).isZero();
			assertThat(cache.hits()).isZero();
		});
	}

	private String token(AssertableWebApplicationContext context, String userId) {
		Instant now = this.clock.instant();
		return context.getBean(TokenService.class)
			.createAccessToken(new TokenSubject(userId, 0, true, Map.of()),
					new SessionTokenClaims("session-" + userId, now, Instant.MAX));
	}

	private static double meter(AssertableWebApplicationContext context, String name) {
		return context.getBean(MeterRegistry.class).get(name).gauge().value();
	}

}
