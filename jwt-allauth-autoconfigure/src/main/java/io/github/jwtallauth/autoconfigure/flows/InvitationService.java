package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.EmailAlreadyRegisteredException;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Invitations: an account created by someone else, without a password, whose owner proves
 * the address by following the invitation link and then chooses a password. Inviting a
 * pending address again replaces the invitation (new role, names and link; the old link
 * dies).
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class InvitationService {

	private final AccountService accounts;

	private final LinkTokens links;

	private final AccountMailer mailer;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Duration expiry;

	InvitationService(AccountService accounts, LinkTokens links, AccountMailer mailer, TransactionTemplate transaction,
			ApplicationEventPublisher events, Duration expiry) {
		this.accounts = accounts;
		this.links = links;
		this.mailer = mailer;
		this.transaction = transaction;
		this.events = events;
		this.expiry = expiry;
	}

	/**
	 * Invite someone: create the account (or refresh a pending invitation) and queue the
	 * mail, in one transaction.
	 * @param invitation who is invited, with which role and names
	 * @param inviterRole the inviter's current role: a pending invitation of a higher
	 * role is not the inviter's to replace
	 * @param linkBase the absolute URL of jwt-allauth's base path
	 * @param locale the language of the mail
	 * @throws JwtAllAuthException 400 {@code invalid} when the address belongs to an
	 * account that is not a pending invitation, 403 {@code permission_denied} when it is
	 * a pending invitation of a role above the inviter's
	 */
	public void invite(NewAccount invitation, int inviterRole, String linkBase, Locale locale) {
		Boolean created = this.transaction.execute((status) -> {
			Optional<UserAccount> existing = this.accounts.findByEmail(invitation.email());
			UserAccount user;
			boolean isNew = existing.isEmpty();
			if (existing.isPresent()) {
				if (existing.get().getPassword() != null) {
					throw JwtAllAuthException.emailTaken();
				}
				user = existing.get();
				if (user.getRole() > inviterRole) {
					throw JwtAllAuthException.permissionDenied();
				}
				this.accounts.updateRole(user.getId(), invitation.role());
				this.accounts.updateNames(user.getId(), invitation.firstName(), invitation.lastName());
				this.links.store().deleteAll(user.getId(), EnumSet.of(OneTimeTokenPurpose.PASSWORD_SET_ACCESS));
			}
			else {
				try {
					user = this.accounts.create(invitation);
				}
				catch (EmailAlreadyRegisteredException ex) {
					throw JwtAllAuthException.emailTaken();
				}
			}
			String key = this.links.issue(user.getId(), OneTimeTokenPurpose.INVITATION, this.expiry);
			this.mailer.sendInvitation(user, linkBase + EmailVerificationService.LINK_PATH + key, locale);
			return isNew;
		});
		if (Boolean.TRUE.equals(created)) {
			// after the commit: listeners never see an account that a rollback took back
			this.accounts.findByEmail(invitation.email())
				.ifPresent((user) -> this.events.publishEvent(new AccountRegisteredEvent(user.getId())));
		}
	}

}
