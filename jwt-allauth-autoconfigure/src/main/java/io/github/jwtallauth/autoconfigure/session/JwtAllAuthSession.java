package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One live device session, table {@code jwt_allauth_session}: the refresh-token
 * whitelist.
 *
 * @author jwt-allauth contributors
 */
@Entity
@Table(name = "jwt_allauth_session")
class JwtAllAuthSession {

	@Id
	@Column(name = "id", length = 32)
	private String id = "";

	@Column(name = "user_id", nullable = false, length = 64)
	private String userId = "";

	@Column(name = "jti", nullable = false, unique = true, length = 32)
	private String jti = "";

	@Column(name = "previous_jti", length = 32)
	private @Nullable String previousJti;

	@Column(name = "rotated_at")
	private @Nullable Instant rotatedAt;

	@Column(name = "enabled", nullable = false)
	private boolean enabled;

	@Column(name = "created", nullable = false)
	private Instant created = Instant.EPOCH;

	@Column(name = "last_used", nullable = false)
	private Instant lastUsed = Instant.EPOCH;

	@Column(name = "expires", nullable = false)
	private Instant expires = Instant.EPOCH;

	@Column(name = "ip", length = 45)
	private @Nullable String ip;

	@Column(name = "user_agent", length = 512)
	private @Nullable String userAgent;

	@Column(name = "browser", length = 64)
	private @Nullable String browser;

	@Column(name = "os", length = 64)
	private @Nullable String os;

	@Column(name = "device", length = 64)
	private @Nullable String device;

	protected JwtAllAuthSession() {
	}

	JwtAllAuthSession(StoredSession session) {
		this.id = session.id();
		this.userId = session.userId();
		this.jti = session.jti();
		this.previousJti = session.previousJti();
		this.rotatedAt = session.rotatedAt();
		this.enabled = session.enabled();
		this.created = session.created();
		this.lastUsed = session.lastUsed();
		this.expires = session.expires();
		this.ip = session.ip();
		this.userAgent = session.userAgent();
		this.browser = session.browser();
		this.os = session.os();
		this.device = session.device();
	}

	StoredSession toStoredSession() {
		return new StoredSession(this.id, this.userId, this.jti, this.previousJti, this.rotatedAt, this.enabled,
				this.created, this.lastUsed, this.expires, this.ip, this.userAgent, this.browser, this.os, this.device);
	}

}
