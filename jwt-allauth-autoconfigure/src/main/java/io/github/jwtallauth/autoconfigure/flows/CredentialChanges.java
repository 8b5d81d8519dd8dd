package io.github.jwtallauth.autoconfigure.flows;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenStore;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.SessionService;

/**
 * What every password-setting path (change, reset, invitation) does, in one transaction:
 * store the new hash, forget every pending link and capability of the user, and, with
 * {@code jwtallauth.logout-on-password-change}, end every session. Opening the caller's
 * new session is left to the caller, after the commit.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class CredentialChanges {

	/** Links and capabilities a credential change kills. */
	static final Set<OneTimeTokenPurpose> PENDING_CAPABILITIES = EnumSet.of(OneTimeTokenPurpose.PASSWORD_RESET,
			OneTimeTokenPurpose.PASSWORD_RESET_ACCESS, OneTimeTokenPurpose.PASSWORD_SET_ACCESS);

	private final AccountService accounts;

	private final @Nullable OneTimeTokenStore tokens;

	private final SessionService sessions;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final boolean logoutOnPasswordChange;

	CredentialChanges(AccountService accounts, @Nullable OneTimeTokenStore tokens, SessionService sessions,
			TransactionTemplate transaction, boolean logoutOnPasswordChange, Clock clock) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.sessions = sessions;
		this.transaction = transaction;
		this.clock = clock;
		this.logoutOnPasswordChange = logoutOnPasswordChange;
	}

	/**
	 * Whether a credential change ends every session of the user.
	 * @return {@code jwtallauth.logout-on-password-change}
	 */
	public boolean isLogoutOnPasswordChange() {
		return this.logoutOnPasswordChange;
	}

	/**
	 * Change the password of a logged-in user.
	 * @param userId the user
	 * @param encodedPassword the new hash
	 * @return whether the user still exists
	 */
	public boolean change(String userId, String encodedPassword) {
		Boolean changed = this.transaction.execute((status) -> {
			if (!this.accounts.updatePassword(userId, encodedPassword)) {
				return false;
			}
			forgetCredentials(userId, PENDING_CAPABILITIES);
			return true;
		});
		return Boolean.TRUE.equals(changed);
	}

	/**
	 * Spend a capability and set the password it allows, in one transaction: of several
	 * concurrent uses of one capability exactly one succeeds, and if anything fails the
	 * capability is kept. Following a link proved the mailbox, so the address becomes
	 * verified.
	 * @param capability what the capability allows
	 * @param capabilityHash the hash of the capability's token id
	 * @param userId the user the capability was issued to
	 * @param encodedPassword the new hash
	 * @return the updated user, empty if the capability was already spent, expired, or
	 * the user is gone or inactive
	 */
	public Optional<UserAccount> setWithCapability(OneTimeTokenPurpose capability, String capabilityHash, String userId,
			String encodedPassword) {
		Optional<UserAccount> updated = this.transaction.execute((status) -> {
			if (this.tokens == null || !this.tokens.spend(capabilityHash, capability, this.clock.instant())) {
				return Optional.<UserAccount>empty();
			}
			Optional<UserAccount> user = this.accounts.findById(userId)
				.filter(UserAccount::isActive)
				// an invitation sets a first password, never replaces one
				.filter((account) -> capability != OneTimeTokenPurpose.PASSWORD_SET_ACCESS
						|| account.getPassword() == null);
			if (user.isEmpty()) {
				status.setRollbackOnly();
				return Optional.<UserAccount>empty();
			}
			this.accounts.updatePassword(userId, encodedPassword);
			this.accounts.markEmailVerified(userId);
			// every link dies: reset links, the invitation, and a verification link that
			// is now moot
			forgetCredentials(userId, EnumSet.allOf(OneTimeTokenPurpose.class));
			return this.accounts.findById(userId);
		});
		return (updated != null) ? updated : Optional.empty();
	}

	private void forgetCredentials(String userId, Set<OneTimeTokenPurpose> purposes) {
		if (this.tokens != null) {
			this.tokens.deleteAll(userId, purposes);
		}
		if (this.logoutOnPasswordChange) {
			this.sessions.logoutAll(userId);
		}
	}

}
