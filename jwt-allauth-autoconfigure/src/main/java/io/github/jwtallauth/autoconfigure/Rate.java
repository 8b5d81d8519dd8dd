package io.github.jwtallauth.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;

/**
 * A rate limit written {@code <count>/<period>}, for example {@code 5/1m}: at most
 * {@code count} events per {@code period}, the allowance refilling gradually over the
 * period.
 *
 * @param count events allowed per period, at least 1
 * @param period the period, positive
 * @author jwt-allauth contributors
 */
public record Rate(long count, Duration period) {

	public Rate {
		Assert.isTrue(count > 0, "A rate allows at least one event");
		Assert.isTrue(period != null && !period.isNegative() && !period.isZero(), "A rate's period must be positive");
	}

	/**
	 * Parse {@code <count>/<period>}; the period uses Spring's duration syntax
	 * ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}). Boot's binder calls this for
	 * {@code jwtallauth.*} properties of this type.
	 * @param text the rate
	 * @return the rate
	 * @throws IllegalArgumentException if the text is not a rate
	 */
	public static Rate valueOf(String text) {
		String[] parts = text.strip().split("/", -1);
		if (parts.length != 2) {
			throw new IllegalArgumentException("'" + text + "' is not a rate: use <count>/<period>, e.g. 5/1m");
		}
		try {
			return new Rate(Long.parseLong(parts[0].strip()), DurationStyle.detectAndParse(parts[1].strip()));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a rate: use <count>/<period>, e.g. 5/1m", ex);
		}
	}

	@Override
	public String toString() {
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
				ChronoUnit.SECONDS }) {
			if (this.period.toNanos() % unit.getDuration().toNanos() == 0) {
				return this.count + "/" + DurationStyle.SIMPLE.print(this.period, unit);
			}
		}
		return this.count + "/" + DurationStyle.SIMPLE.print(this.period);
	}

}
