package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A one-time token, table {@code jwt_allauth_one_time_token}.
 *
 * @author jwt-allauth contributors
 */
@Entity
@Table(name = "jwt_allauth_one_time_token")
class JwtAllAuthOneTimeToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "user_id", nullable = false, length = 64)
	private String userId = "";

	@Enumerated(EnumType.STRING)
	@Column(name = "purpose", nullable = false, length = 32)
	private OneTimeTokenPurpose purpose = OneTimeTokenPurpose.EMAIL_VERIFICATION;

	@Column(name = "token_hash", nullable = false, length = 64, unique = true)
	private String tokenHash = "";

	@Column(name = "created", nullable = false)
	private Instant created = Instant.EPOCH;

	@Column(name = "expires", nullable = false)
	private Instant expires = Instant.EPOCH;

	protected JwtAllAuthOneTimeToken() {
	}

	JwtAllAuthOneTimeToken(String userId, OneTimeTokenPurpose purpose, String tokenHash, Instant created,
			Instant expires) {
		this.userId = userId;
		this.purpose = purpose;
		this.tokenHash = tokenHash;
		this.created = created;
		this.expires = expires;
	}

	OneTimeToken toToken() {
		return new OneTimeToken(this.userId, this.purpose, this.expires);
	}

}
