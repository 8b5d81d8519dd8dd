package io.github.jwtallauth.autoconfigure.housekeeping;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Portable "delete at most n expired rows", for {@link PurgeTask}s over plain JDBC
 * tables: the keys are read with a row limit, then deleted by key with the expiry
 * condition repeated, so that a row another instance purged meanwhile is simply not
 * counted. No dialect's {@code DELETE ... LIMIT} is needed.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class ExpiredRows {

	private ExpiredRows() {
	}

	/**
	 * Delete at most {@code limit} rows whose expiry is at or before a time.
	 * @param jdbc the template; the statements join the caller's transaction
	 * @param table the table
	 * @param key its primary key column
	 * @param expiry its expiry column
	 * @param before the time
	 * @param limit the most rows to delete
	 * @return how many were deleted
	 */
	public static int delete(JdbcTemplate jdbc, String table, String key, String expiry, Timestamp before, int limit) {
		if (limit <= 0) {
			// a row limit of 0 means none to JDBC
			return 0;
		}
		JdbcTemplate bounded = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
		bounded.setMaxRows(limit);
		List<Object> keys = bounded.query("select " + key + " from " + table + " where " + expiry + " <= ?",
				(rs, row) -> rs.getObject(1), before);
		if (keys.isEmpty()) {
			return 0;
		}
		List<Object> arguments = new ArrayList<>(keys);
		arguments.add(before);
		return jdbc.update(
				"delete from " + table + " where " + key + " in ("
						+ String.join(", ", Collections.nCopies(keys.size(), "?")) + ") and " + expiry + " <= ?",
				arguments.toArray());
	}

}
