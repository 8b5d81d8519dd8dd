package io.github.jwtallauth.autoconfigure.housekeeping;

/**
 * Deletes one batch of rows that are no longer needed (spent links, sent mails). Beans of
 * this type run with the session purge, every {@code jwtallauth.sessions.purge-interval},
 * batch after batch until a batch comes back short.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface PurgeTask {

	/**
	 * Delete at most {@code batchSize} rows, in one short transaction.
	 * @param batchSize the most rows deleted
	 * @return the number deleted
	 */
	int purgeBatch(int batchSize);

}
