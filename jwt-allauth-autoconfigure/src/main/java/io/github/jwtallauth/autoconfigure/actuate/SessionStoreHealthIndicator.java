package io.github.jwtallauth.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.jwtallauth.autoconfigure.session.SessionStore;

/**
 * Reports whether the session store answers: refreshes and logouts fail while it does
 * not. Contributed as {@code jwtAllAuth} (disable with
 * {@code management.health.jwtallauth.enabled=false}).
 *
 * @author jwt-allauth contributors
 */
final class SessionStoreHealthIndicator extends AbstractHealthIndicator {

	private final SessionStore store;

	SessionStoreHealthIndicator(SessionStore store) {
		super("Session store health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		// one indexed lookup of an id that never exists: proves the table is reachable
		// and readable
		this.store.exists("health-check");
		builder.up().withDetail("store", this.store.getClass().getSimpleName());
	}

}
