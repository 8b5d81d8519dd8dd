package io.github.jwtallauth.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.jwtallauth.autoconfigure.ratelimit.RateLimitStoreProbe;

/**
 * Reports whether the shared rate-limit store ({@code jwtallauth.rate-limit.backend=jdbc}
 * or {@code redis}) answers: while it does not, logins, password checks and mail requests
 * answer 503 {@code unavailable}. Contributed as {@code jwtAllAuthRateLimit} (disable
 * with {@code management.health.jwtallauth-rate-limit.enabled=false}).
 *
 * @author jwt-allauth contributors
 */
final class RateLimitStoreHealthIndicator extends AbstractHealthIndicator {

	private final RateLimitStoreProbe probe;

	RateLimitStoreHealthIndicator(RateLimitStoreProbe probe) {
		super("Rate-limit store health check failed");
		this.probe = probe;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", this.probe.backend());
		try {
			this.probe.check();
		}
		catch (RuntimeException ex) {
			// a short reason rather than the exception: the details may be shown to
			// whoever may see health
			builder.down().withDetail("reason", RateLimitStoreProbe.describe(ex));
			return;
		}
		builder.up();
	}

}
