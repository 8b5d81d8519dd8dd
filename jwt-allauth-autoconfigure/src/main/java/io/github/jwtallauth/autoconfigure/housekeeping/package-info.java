/**
 * Housekeeping: {@code PurgeTask}s that delete rows no longer needed, and the scheduler
 * that runs them all in one background job.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.housekeeping;

import org.jspecify.annotations.NullMarked;
