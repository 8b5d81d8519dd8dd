package io.github.jwtallauth.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A secret or key property whose value cannot be used. It names the property and says
 * why, never what the value is: Spring Boot's report of an invalid property would print
 * the value it finds in the environment, so secrets get a type (and a failure report) of
 * their own.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class InvalidSecretPropertyException extends IllegalStateException {

	private final String name;

	private final String reason;

	/**
	 * Create the exception.
	 * @param name the property, e.g. {@code jwtallauth.jwt.secret}
	 * @param reason why the value cannot be used, without the value
	 */
	public InvalidSecretPropertyException(String name, String reason) {
		this(name, reason, null);
	}

	/**
	 * Create the exception.
	 * @param name the property, e.g. {@code jwtallauth.jwt.secret}
	 * @param reason why the value cannot be used, without the value
	 * @param cause what failed, if anything
	 */
	public InvalidSecretPropertyException(String name, String reason, @Nullable Throwable cause) {
		super("Property " + name + " has an invalid value (not shown): " + reason, cause);
		this.name = name;
		this.reason = reason;
	}

	/**
	 * Return the property.
	 * @return the property's name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return why the value cannot be used.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
