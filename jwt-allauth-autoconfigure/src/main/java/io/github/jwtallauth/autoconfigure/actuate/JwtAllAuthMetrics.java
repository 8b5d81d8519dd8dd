package io.github.jwtallauth.autoconfigure.actuate;

import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;

import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.EmailVerifiedEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordChangedEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordResetEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordSetEvent;
import io.github.jwtallauth.autoconfigure.mail.OutboxBacklog;
import io.github.jwtallauth.autoconfigure.mfa.MfaDisabledEvent;
import io.github.jwtallauth.autoconfigure.mfa.MfaEnabledEvent;
import io.github.jwtallauth.autoconfigure.mfa.MfaFailedEvent;
import io.github.jwtallauth.autoconfigure.mfa.MfaLockedEvent;
import io.github.jwtallauth.autoconfigure.mfa.MfaVerifiedEvent;
import io.github.jwtallauth.autoconfigure.security.VerifiedTokenCache;
import io.github.jwtallauth.autoconfigure.session.LoginFailedEvent;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;
import io.github.jwtallauth.autoconfigure.session.SessionRefreshedEvent;
import io.github.jwtallauth.autoconfigure.session.UserLoggedInEvent;
import io.github.jwtallauth.autoconfigure.session.UserLoggedOutEvent;
import io.github.jwtallauth.autoconfigure.social.SocialLoginEvent;

/**
 * Micrometer counters fed by jwt-allauth's events, the mail outbox's gauges, and the
 * meters of the verified access-token cache. The counters stay event-fed rather than
 * derived from the observations: they count every path that publishes an event (a logout
 * counter also counts logout-all and revoked sessions, a login counter the sessions
 * opened after MFA), and applications' alerts already use them. Timings come from the
 * observations ({@code JwtAllAuthObservation}).
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthMetrics {

	private final @Nullable Counters counters;

	/**
	 * Create the counters, the outbox gauges when there is an outbox table, and the
	 * token-cache meters when there is a token cache.
	 * @param registry the registry, or {@code null} to count nothing
	 * @param backlog the outbox table's counts, or {@code null} without one
	 * @param tokenCache the cache of verified access tokens, or {@code null} without one
	 */
	JwtAllAuthMetrics(@Nullable MeterRegistry registry, @Nullable OutboxBacklog backlog,
			@Nullable VerifiedTokenCache tokenCache) {
		if (registry != null && tokenCache != null) {
			bind(registry, tokenCache);
		}
		this.counters = (registry != null) ? new Counters(registry) : null;
		if (registry != null && backlog != null) {
			Gauge.builder("jwtallauth.mail.outbox.pending", backlog, OutboxBacklog::pending)
				.description("Mails queued and not sent yet, retries included")
				.register(registry);
			Gauge.builder("jwtallauth.mail.outbox.given.up", backlog, OutboxBacklog::givenUp)
				.description("Mails left unsent after every attempt failed")
				.register(registry);
		}
	}

	// Function meters read the cache's own statistics when scraped: nothing is counted
	// twice on the request path.
	private static void bind(MeterRegistry registry, VerifiedTokenCache cache) {
		FunctionCounter.builder("jwtallauth.tokens.cache.requests", cache, VerifiedTokenCache::hits)
			.description("Look-ups of the verified access-token cache; a miss checks the token's signature")
			.tag("result", "hit")
			.register(registry);
		FunctionCounter.builder("jwtallauth.tokens.cache.requests", cache, VerifiedTokenCache::misses)
			.description("Look-ups of the verified access-token cache; a miss checks the token's signature")
			.tag("result", "miss")
			.register(registry);
		FunctionCounter.builder("jwtallauth.tokens.cache.evictions", cache, VerifiedTokenCache::evictions)
			.description("Verified access tokens dropped to keep the cache within its size")
			.register(registry);
		Gauge.builder("jwtallauth.tokens.cache.size", cache, VerifiedTokenCache::size)
			.description("Verified access tokens in the cache, approximately")
			.register(registry);
		Gauge.builder("jwtallauth.tokens.cache.capacity", cache, VerifiedTokenCache::maximumSize)
			.description("Most verified access tokens the cache holds (jwtallauth.jwt.verified-token-cache-size)")
			.register(registry);
		Gauge.builder("jwtallauth.tokens.cache.hit.ratio", cache, JwtAllAuthMetrics::hitRatio)
			.description("Share of look-ups since start-up that found a verified token")
			.register(registry);
	}

	private static double hitRatio(VerifiedTokenCache cache) {
		long hits = cache.hits();
		long total = hits + cache.misses();
		return (total > 0) ? (double) hits / total : Double.NaN;
	}

	@EventListener
	void on(UserLoggedInEvent event) {
		count((counters) -> counters.logins);
	}

	@EventListener
	void on(SocialLoginEvent event) {
		count((counters) -> counters.socialLogins);
	}

	@EventListener
	void on(LoginFailedEvent event) {
		count((counters) -> switch (event.getCode()) {
			case "account_inactive" -> counters.inactiveAccounts;
			case "email_not_verified" -> counters.unverifiedEmails;
			case "throttled" -> counters.throttledLogins;
			default -> counters.incorrectCredentials;
		});
	}

	@EventListener
	void on(SessionRefreshedEvent event) {
		count((counters) -> counters.refreshes);
	}

	@EventListener
	void on(RefreshTokenReuseDetectedEvent event) {
		count((counters) -> counters.reuseDetections);
	}

	@EventListener
	void on(UserLoggedOutEvent event) {
		count((counters) -> counters.logouts);
	}

	@EventListener
	void on(PasswordChangedEvent event) {
		count((counters) -> counters.passwordChanges);
	}

	@EventListener
	void on(PasswordResetEvent event) {
		count((counters) -> counters.passwordResets);
	}

	@EventListener
	void on(PasswordSetEvent event) {
		count((counters) -> counters.passwordSets);
	}

	@EventListener
	void on(AccountRegisteredEvent event) {
		count((counters) -> counters.registrations);
	}

	@EventListener
	void on(EmailVerifiedEvent event) {
		count((counters) -> counters.emailVerifications);
	}

	@EventListener
	void on(MfaEnabledEvent event) {
		count((counters) -> counters.mfaEnabled);
	}

	@EventListener
	void on(MfaDisabledEvent event) {
		count((counters) -> counters.mfaDisabled);
	}

	@EventListener
	void on(MfaVerifiedEvent event) {
		count((counters) -> counters.mfaVerified);
	}

	@EventListener
	void on(MfaFailedEvent event) {
		count((counters) -> counters.mfaFailed);
	}

	@EventListener
	void on(MfaLockedEvent event) {
		count((counters) -> counters.mfaLocked);
	}

	private void count(Function<Counters, Counter> counter) {
		if (this.counters != null) {
			counter.apply(this.counters).increment();
		}
	}

	private static final class Counters {

		private final Counter logins;

		private final Counter socialLogins;

		private final Counter incorrectCredentials;

		private final Counter inactiveAccounts;

		private final Counter refreshes;

		private final Counter reuseDetections;

		private final Counter logouts;

		private final Counter passwordChanges;

		private final Counter passwordResets;

		private final Counter passwordSets;

		private final Counter unverifiedEmails;

		private final Counter throttledLogins;

		private final Counter mfaEnabled;

		private final Counter mfaDisabled;

		private final Counter mfaVerified;

		private final Counter mfaFailed;

		private final Counter mfaLocked;

		private final Counter registrations;

		private final Counter emailVerifications;

		Counters(MeterRegistry registry) {
			this.logins = login(registry, "success");
			this.socialLogins = Counter.builder("jwtallauth.logins")
				.description("Logins, by outcome")
				.tag("outcome", "success")
				.tag("method", "social")
				.register(registry);
			this.incorrectCredentials = login(registry, "incorrect_credentials");
			this.inactiveAccounts = login(registry, "account_inactive");
			this.refreshes = Counter.builder("jwtallauth.refreshes")
				.description("Refresh-token rotations")
				.register(registry);
			this.reuseDetections = Counter.builder("jwtallauth.refresh.reuse")
				.description("Replayed refresh tokens; each revoked its session")
				.register(registry);
			this.logouts = Counter.builder("jwtallauth.logouts")
				.description("Sessions closed by logout, logout-all or revocation")
				.register(registry);
			this.passwordChanges = password(registry, "change");
			this.passwordResets = password(registry, "reset");
			this.passwordSets = password(registry, "invitation");
			this.unverifiedEmails = login(registry, "email_not_verified");
			this.throttledLogins = login(registry, "throttled");
			this.mfaEnabled = mfa(registry, "enabled");
			this.mfaDisabled = mfa(registry, "disabled");
			this.mfaVerified = mfa(registry, "verified");
			this.mfaFailed = mfa(registry, "failed");
			this.mfaLocked = mfa(registry, "locked");
			this.registrations = Counter.builder("jwtallauth.registrations")
				.description("Accounts created, by sign-up or invitation")
				.register(registry);
			this.emailVerifications = Counter.builder("jwtallauth.email.verifications")
				.description("E-mail addresses proved by a verification link")
				.register(registry);
		}

		private static Counter mfa(MeterRegistry registry, String event) {
			return Counter.builder("jwtallauth.mfa")
				.description("Multi-factor events: enrolments, deactivations, codes accepted and refused, lockouts")
				.tag("event", event)
				.register(registry);
		}

		private static Counter password(MeterRegistry registry, String via) {
			return Counter.builder("jwtallauth.password.changes")
				.description("Passwords set, by the path that set them")
				.tag("via", via)
				.register(registry);
		}

		private static Counter login(MeterRegistry registry, String outcome) {
			return Counter.builder("jwtallauth.logins")
				.description("Logins, by outcome")
				.tag("outcome", outcome)
				.tag("method", "password")
				.register(registry);
		}

	}

}
