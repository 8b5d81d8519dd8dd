package io.github.jwtallauth.autoconfigure.mfa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import io.github.jwtallauth.autoconfigure.housekeeping.ExpiredRows;

/**
 * The MFA tables, through plain JDBC: authenticators, recovery codes, challenges and
 * failed attempts. Every decision that two requests could race for (spending a recovery
 * code, moving a TOTP's last used step forward, using a challenge) is one conditional
 * statement whose row count decides. Statements join the caller's transaction.
 *
 * @author jwt-allauth contributors
 */
final class MfaStore {

	static final String TOTP = "totp";

	static final String RECOVERY_CODES = "recovery_codes";

	private final JdbcTemplate jdbc;

	MfaStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An authenticator row.
	 *
	 * @param id the id
	 * @param userId the user
	 * @param type {@code totp} or {@code recovery_codes}
	 * @param secret the encrypted TOTP secret
	 * @param confirmed whether activation succeeded
	 * @param lastStep the last TOTP step accepted
	 * @param created when it was created
	 * @param lastUsed when it last let the user in
	 */
	record Authenticator(long id, String userId, String type, @Nullable String secret, boolean confirmed,
			@Nullable Long lastStep, Instant created, @Nullable Instant lastUsed) {
	}

	/**
	 * A challenge row.
	 *
	 * @param userId the user
	 * @param kind {@code login} or {@code setup}
	 * @param expires when it dies
	 * @param failures wrong codes so far
	 */
	record Challenge(String userId, String kind, Instant expires, int failures) {
	}

	private static final RowMapper<Authenticator> AUTHENTICATOR = (rs, row) -> new Authenticator(rs.getLong("id"),
			rs.getString("user_id"), rs.getString("type"), rs.getString("secret"), rs.getBoolean("confirmed"),
			(Long) rs.getObject("last_step", Long.class), instant(rs, "created"), instant(rs, "last_used"));

	List<Authenticator> authenticators(String userId) {
		return this.jdbc.query("select * from jwt_allauth_mfa_authenticator where user_id = ? order by id",
				AUTHENTICATOR, userId);
	}

	Optional<Authenticator> authenticator(String userId, String type) {
		return this.jdbc
			.query("select * from jwt_allauth_mfa_authenticator where user_id = ? and type = ?", AUTHENTICATOR, userId,
					type)
			.stream()
			.findFirst();
	}

	boolean hasConfirmedTotp(String userId) {
		Integer count = this.jdbc.queryForObject(
				"select count(*) from jwt_allauth_mfa_authenticator where user_id = ? and type = ? and confirmed = ?",
				Integer.class, userId, TOTP, true);
		return count != null && count > 0;
	}

	void replacePendingTotp(String userId, String encryptedSecret, Instant now) {
		this.jdbc.update("delete from jwt_allauth_mfa_authenticator where user_id = ? and type = ? and confirmed = ?",
				userId, TOTP, false);
		this.jdbc.update(
				"insert into jwt_allauth_mfa_authenticator (user_id, type, secret, confirmed, created) values (?, ?, ?, ?, ?)",
				userId, TOTP, encryptedSecret, false, ts(now));
	}

	boolean confirmTotp(long id, long step, Instant now) {
		return this.jdbc
			.update("update jwt_allauth_mfa_authenticator set confirmed = ?, last_step = ?, last_used = ?, created = ? "
					+ "where id = ? and confirmed = ?", true, step, ts(now), ts(now), id, false) == 1;
	}

	/**
	 * Accept a step only once: the database keeps the newest step and refuses older or
	 * equal ones.
	 */
	boolean advanceStep(long id, long step, Instant now) {
		return this.jdbc.update("update jwt_allauth_mfa_authenticator set last_step = ?, last_used = ? "
				+ "where id = ? and (last_step is null or last_step < ?)", step, ts(now), id, step) == 1;
	}

	void replaceRecoveryCodes(String userId, List<String> codeHashes, Instant now) {
		this.jdbc.update("delete from jwt_allauth_mfa_recovery_code where user_id = ?", userId);
		this.jdbc.update("delete from jwt_allauth_mfa_authenticator where user_id = ? and type = ?", userId,
				RECOVERY_CODES);
		this.jdbc.update(
				"insert into jwt_allauth_mfa_authenticator (user_id, type, confirmed, created) values (?, ?, ?, ?)",
				userId, RECOVERY_CODES, true, ts(now));
		this.jdbc.batchUpdate("insert into jwt_allauth_mfa_recovery_code (user_id, code_hash) values (?, ?)",
				codeHashes.stream().map((hash) -> new Object[] { userId, hash }).toList());
	}

	boolean spendRecoveryCode(String userId, String codeHash, Instant now) {
		boolean spent = this.jdbc.update("update jwt_allauth_mfa_recovery_code set used = ? "
				+ "where user_id = ? and code_hash = ? and used is null", ts(now), userId, codeHash) == 1;
		if (spent) {
			this.jdbc.update("update jwt_allauth_mfa_authenticator set last_used = ? where user_id = ? and type = ?",
					ts(now), userId, RECOVERY_CODES);
		}
		return spent;
	}

	void deleteAll(String userId) {
		this.jdbc.update("delete from jwt_allauth_mfa_recovery_code where user_id = ?", userId);
		this.jdbc.update("delete from jwt_allauth_mfa_authenticator where user_id = ?", userId);
		this.jdbc.update("delete from jwt_allauth_mfa_challenge where user_id = ?", userId);
	}

	void saveChallenge(String idHash, String userId, String kind, Instant now, Instant expires) {
		this.jdbc.update("insert into jwt_allauth_mfa_challenge (id_hash, user_id, kind, created, expires, failures) "
				+ "values (?, ?, ?, ?, ?, 0)", idHash, userId, kind, ts(now), ts(expires));
	}

	Optional<Challenge> liveChallenge(String idHash, String kind, int maxFailures, Instant now) {
		return this.jdbc
			.query("select user_id, kind, expires, failures from jwt_allauth_mfa_challenge "
					+ "where id_hash = ? and kind = ? and expires > ? and failures < ?",
					(rs, row) -> new Challenge(rs.getString(1), rs.getString(2), instant(rs, "expires"), rs.getInt(4)),
					idHash, kind, ts(now), maxFailures)
			.stream()
			.findFirst();
	}

	boolean useChallenge(String idHash, Instant now) {
		return this.jdbc.update("delete from jwt_allauth_mfa_challenge where id_hash = ? and expires > ?", idHash,
				ts(now)) == 1;
	}

	/**
	 * Charge one attempt to a live challenge; the database refuses once its attempts are
	 * spent.
	 */
	boolean chargeChallenge(String idHash, int maxAttempts, Instant now) {
		return this.jdbc.update("update jwt_allauth_mfa_challenge set failures = failures + 1 "
				+ "where id_hash = ? and failures < ? and expires > ?", idHash, maxAttempts, ts(now)) == 1;
	}

	void deleteChallenges(String userId, String kind) {
		this.jdbc.update("delete from jwt_allauth_mfa_challenge where user_id = ? and kind = ?", userId, kind);
	}

	void recordFailure(String userId, Instant now) {
		this.jdbc.update("insert into jwt_allauth_mfa_failure (user_id, failed_at) values (?, ?)", userId, ts(now));
	}

	List<Instant> failuresSince(String userId, Instant since) {
		return this.jdbc.query("select failed_at from jwt_allauth_mfa_failure where user_id = ? and failed_at > ? "
				+ "order by failed_at", (rs, row) -> instant(rs, "failed_at"), userId, ts(since));
	}

	void clearFailures(String userId) {
		this.jdbc.update("delete from jwt_allauth_mfa_failure where user_id = ?", userId);
	}

	int purge(Instant now, Instant failuresBefore, int limit) {
		int deleted = ExpiredRows.delete(this.jdbc, "jwt_allauth_mfa_challenge", "id_hash", "expires", ts(now), limit);
		if (deleted < limit) {
			deleted += ExpiredRows.delete(this.jdbc, "jwt_allauth_mfa_failure", "id", "failed_at", ts(failuresBefore),
					limit - deleted);
		}
		return deleted;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
