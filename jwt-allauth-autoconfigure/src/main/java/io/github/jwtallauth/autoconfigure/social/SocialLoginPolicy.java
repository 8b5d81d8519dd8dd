package io.github.jwtallauth.autoconfigure.social;

/**
 * An application's say over social login: declare a bean, and every sign-in, sign-up and
 * connection through a provider asks it first. A refusal answers 403
 * {@code social_login_rejected}, and nothing is written: no account, no link, no session.
 * With several beans, each must permit.
 * <p>
 * It is asked once the provider has vouched for the user and jwt-allauth knows which
 * account the attempt concerns, inside the transaction that would write the link, so it
 * may read the application's own tables consistently. For example, to admit only one
 * company's Google accounts: <pre>{@code
 * &#64;Bean
 * SocialLoginPolicy companyAccountsOnly() {
 *     return (attempt) -> attempt.identity().verifiedEmails().stream()
 *         .anyMatch((email) -> email.endsWith("@example.com"));
 * }
 * }</pre>
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface SocialLoginPolicy {

	/**
	 * Decide whether a social login may go on.
	 * @param attempt who the provider says the user is, the account concerned and what
	 * would happen
	 * @return whether it may; {@code false} refuses it with {@code social_login_rejected}
	 */
	boolean permits(SocialLoginAttempt attempt);

}
