package io.github.jwtallauth.autoconfigure.social;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The links between provider accounts and users, in {@code jwt_allauth_social_account}.
 * Through plain JDBC; statements join the caller's transaction.
 *
 * @author jwt-allauth contributors
 */
final class SocialAccountStore {

	private static final String COLUMNS = "id, provider, uid, user_id, last_login, date_joined";

	private static final RowMapper<SocialAccount> ACCOUNT = (rs, row) -> new SocialAccount(rs.getLong("id"),
			rs.getString("provider"), rs.getString("uid"), rs.getString("user_id"),
			rs.getTimestamp("last_login").toInstant(), rs.getTimestamp("date_joined").toInstant());

	private final JdbcTemplate jdbc;

	SocialAccountStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The link of a provider account, if any. */
	Optional<SocialAccount> find(String provider, String uid) {
		return this.jdbc
			.query("select " + COLUMNS + " from jwt_allauth_social_account where provider = ? and uid = ?", ACCOUNT,
					provider, uid)
			.stream()
			.findFirst();
	}

	/**
	 * Link a provider account to a user. On PostgreSQL a refused insert aborts the
	 * surrounding transaction, so a caller that goes on after a duplicate must link in a
	 * transaction of its own.
	 * @return the new link
	 * @throws org.springframework.dao.DuplicateKeyException if the provider account is
	 * linked already (to anyone)
	 */
	SocialAccount link(String userId, String provider, String uid, Instant now) {
		// No look-up first: the unique constraint on (provider, uid) decides, so of two
		// concurrent links of one provider account exactly one is inserted.
		Timestamp joined = ts(now);
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"insert into jwt_allauth_social_account (provider, uid, user_id, last_login, date_joined) "
							+ "values (?, ?, ?, ?, ?)",
					new String[] { "id" });
			statement.setString(1, provider);
			statement.setString(2, uid);
			statement.setString(3, userId);
			statement.setTimestamp(4, joined);
			statement.setTimestamp(5, joined);
			return statement;
		}, key);
		long id = Objects.requireNonNull(key.getKey(), "no id generated").longValue();
		return new SocialAccount(id, provider, uid, userId, joined.toInstant(), joined.toInstant());
	}

	/** Record that a link signed its user in. */
	void touch(long id, Instant now) {
		this.jdbc.update("update jwt_allauth_social_account set last_login = ? where id = ?", ts(now), id);
	}

	/** A user's links, ordered by id. */
	List<SocialAccount> forUser(String userId) {
		return this.jdbc.query("select " + COLUMNS + " from jwt_allauth_social_account where user_id = ? order by id",
				ACCOUNT, userId);
	}

	/**
	 * A user's links, ordered by id, locked until the caller's transaction ends, so that
	 * a concurrent change to them waits.
	 */
	List<SocialAccount> forUserLocked(String userId) {
		return this.jdbc.query(
				"select " + COLUMNS + " from jwt_allauth_social_account where user_id = ? order by id for update",
				ACCOUNT, userId);
	}

	/** Delete every link of a user, whose account is gone. */
	void deleteForUser(String userId) {
		this.jdbc.update("delete from jwt_allauth_social_account where user_id = ?", userId);
	}

	/** Delete one of a user's links; false when the id is not one of the user's. */
	boolean delete(long id, String userId) {
		return this.jdbc.update("delete from jwt_allauth_social_account where id = ? and user_id = ?", id, userId) == 1;
	}

	/** How many links a user has. */
	int countForUser(String userId) {
		Integer count = this.jdbc.queryForObject("select count(*) from jwt_allauth_social_account where user_id = ?",
				Integer.class, userId);
		return (count != null) ? count : 0;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

}
