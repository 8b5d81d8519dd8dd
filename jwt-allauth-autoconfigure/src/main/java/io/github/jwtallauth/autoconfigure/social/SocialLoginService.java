package io.github.jwtallauth.autoconfigure.social;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.EmailAlreadyRegisteredException;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.SignInChecks;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Signs users in with a provider account: verifies the client's credential, then finds
 * the jwt-allauth account it belongs to, links it, or creates one. An existing link signs
 * its user in. Otherwise the addresses the provider has verified decide: an account that
 * owns one (its address verified, an administrator's, or one created without a password,
 * by an invitation) is linked when linking by address is allowed; an account that has
 * been used but never proved its address is refused, so that nobody takes it over by
 * registering the address at a provider; an account nobody ever used is superseded. With
 * no account left, a new one is created with no password and the verified address.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class SocialLoginService {

	private static final int ADMINISTRATOR_ROLE = 900;

	private final ClientRegistrationRepository registrations;

	private final List<String> providerIds;

	private final SocialTokenVerifier verifier;

	private final SocialCodeExchange codes;

	private final SocialUserInfo userInfo;

	private final SocialAccountStore store;

	private final AccountService accounts;

	private final TransactionTemplate transaction;

	private final SocialPendingLinks pendingLinks;

	private final List<SocialLoginPolicy> policies;

	private final JwtAllAuthProperties.Social settings;

	private final boolean signupOpen;

	private final boolean requireVerifiedAccount;

	private final Clock clock;

	SocialLoginService(ClientRegistrationRepository registrations, List<String> providerIds,
			SocialTokenVerifier verifier, SocialCodeExchange codes, SocialUserInfo userInfo, SocialAccountStore store,
			SocialPendingLinks pendingLinks, List<SocialLoginPolicy> policies, AccountService accounts,
			TransactionTemplate transaction, JwtAllAuthProperties.Social settings, boolean signupOpen,
			boolean requireVerifiedAccount, Clock clock) {
		this.registrations = registrations;
		this.providerIds = List.copyOf(providerIds);
		this.verifier = verifier;
		this.codes = codes;
		this.userInfo = userInfo;
		this.store = store;
		this.pendingLinks = pendingLinks;
		this.policies = List.copyOf(policies);
		this.accounts = accounts;
		this.transaction = transaction;
		this.settings = settings;
		this.signupOpen = signupOpen;
		this.requireVerifiedAccount = requireVerifiedAccount;
		this.clock = clock;
	}

	/**
	 * The configured providers, for {@code GET /social/providers}.
	 * @return each provider's id, name and client id; never a secret
	 */
	public List<Provider> providers() {
		List<Provider> providers = new ArrayList<>();
		for (String id : this.providerIds) {
			ClientRegistration registration = this.registrations.findByRegistrationId(id);
			if (registration != null) {
				providers.add(new Provider(id, registration.getClientName(), registration.getClientId()));
			}
		}
		return providers;
	}

	/**
	 * Verify an ID token the client obtained from a provider.
	 * @param provider the registration id from the path
	 * @param clientId the client id the client says the token was issued to
	 * @param idToken the ID token
	 * @param nonce the nonce of the client's authorization request, or {@code null}
	 * @return who the provider says the user is
	 */
	public SocialIdentity verifyIdToken(String provider, @Nullable String clientId, String idToken,
			@Nullable String nonce) {
		ClientRegistration registration = registration(provider);
		if (clientId == null || !clientId.equals(registration.getClientId())) {
			throw new JwtAllAuthException(ErrorCode.CLIENT_ID_MISMATCH);
		}
		return this.verifier.verifyIdToken(registration, idToken, nonce);
	}

	/**
	 * Read who an access token the client obtained from a provider belongs to, at the
	 * provider's user-info endpoint; the provider answering for it is what verifies it.
	 * @param provider the registration id from the path
	 * @param clientId the client id the client says the token was issued to
	 * @param accessToken the access token
	 * @return who the provider says the user is
	 * @throws JwtAllAuthException {@code flow_not_supported} when the provider has no
	 * user-info endpoint, or its tokens can neither be checked to be this application's
	 * nor are trusted by the settings; {@code invalid_social_token} when it does not
	 * answer for the token
	 */
	public SocialIdentity verifyAccessToken(String provider, @Nullable String clientId, String accessToken) {
		ClientRegistration registration = registration(provider);
		if (clientId == null || !clientId.equals(registration.getClientId())) {
			throw new JwtAllAuthException(ErrorCode.CLIENT_ID_MISMATCH);
		}
		if (!this.userInfo.checksApplication(registration) && !this.settings.trustsAccessTokensOf(provider)) {
			// any other application the user signed in to with this provider holds such
			// a token: it would sign in here as them
			throw new JwtAllAuthException(ErrorCode.FLOW_NOT_SUPPORTED);
		}
		return this.userInfo.identity(registration, accessToken);
	}

	/**
	 * Exchange an authorization code the client obtained from a provider, and verify the
	 * ID token the provider answers with; a plain OAuth 2.0 provider, which answers with
	 * an access token only, is asked who the user is at its user-info endpoint.
	 * @param provider the registration id from the path
	 * @param clientId the client id the client says the code was issued to, or
	 * {@code null}
	 * @param code the authorization code
	 * @param callbackUrl the redirect URI of the client's authorization request
	 * @param codeVerifier the PKCE code verifier, or {@code null}
	 * @param nonce the nonce of the client's authorization request, or {@code null}
	 * @return who the provider says the user is
	 */
	public SocialIdentity exchangeCode(String provider, @Nullable String clientId, String code, String callbackUrl,
			@Nullable String codeVerifier, @Nullable String nonce) {
		ClientRegistration registration = registration(provider);
		if (clientId != null && !clientId.equals(registration.getClientId())) {
			throw new JwtAllAuthException(ErrorCode.CLIENT_ID_MISMATCH);
		}
		if (!this.settings.allowsCallbackUrl(callbackUrl)) {
			throw new JwtAllAuthException(ErrorCode.CALLBACK_URL_NOT_ALLOWED);
		}
		SocialCodeExchange.Tokens tokens = this.codes.exchange(registration, code, callbackUrl, codeVerifier);
		if (tokens.idToken() != null) {
			return this.verifier.verifyIdToken(registration, tokens.idToken(), nonce);
		}
		// a plain OAuth 2.0 provider (GitHub): the access token, which the provider has
		// just issued to this application's client, says who at the user-info endpoint
		return this.userInfo.identityOfExchanged(registration, tokens.accessToken());
	}

	/**
	 * Find, link or create the account of a provider account, in one transaction. The
	 * account must be one that may sign in (active, and verified when verification is
	 * mandatory) and the application's {@link SocialLoginPolicy policies} must permit the
	 * attempt; otherwise nothing is written.
	 * @param identity who the provider says the user is
	 * @param owesSecondFactor whether signing an existing user in needs a second factor
	 * first, asked before anything is written; it may throw to refuse the user at once (a
	 * locked second factor). An account that owes one is not linked until it has been
	 * given, so the link is not written now but left to {@link #settle}
	 * @return the account to sign in, whether it was created now, and the link held back
	 */
	public Resolution resolve(SocialIdentity identity, Predicate<UserAccount> owesSecondFactor) {
		try {
			return resolveOnce(identity, owesSecondFactor);
		}
		catch (EmailAlreadyRegisteredException | DuplicateKeyException ex) {
			// a concurrent sign-in of the same provider account (a double submit) created
			// or linked first, and this transaction was rolled back: now its link decides
			try {
				return resolveOnce(identity, owesSecondFactor);
			}
			catch (EmailAlreadyRegisteredException | DuplicateKeyException again) {
				throw new JwtAllAuthException(ErrorCode.SOCIAL_ACCOUNT_IN_USE);
			}
		}
	}

	private Resolution resolveOnce(SocialIdentity identity, Predicate<UserAccount> owesSecondFactor) {
		Resolution resolution = this.transaction.execute((status) -> resolveInTransaction(identity, owesSecondFactor));
		Assert.state(resolution != null, "No account resolved");
		return resolution;
	}

	private Resolution resolveInTransaction(SocialIdentity identity, Predicate<UserAccount> owesSecondFactor) {
		Optional<SocialAccount> link = this.store.find(identity.provider(), identity.uid());
		if (link.isPresent()) {
			UserAccount user = this.accounts.findById(link.get().userId())
				.orElseThrow(() -> new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN));
			SignInChecks.check(user, this.requireVerifiedAccount);
			permit(identity, user, SocialLoginAttempt.Kind.SIGN_IN);
			// asked for what it may refuse (a locked second factor) before the touch
			owesSecondFactor.test(user);
			this.store.touch(link.get().id(), this.clock.instant());
			return new Resolution(user, false, null);
		}
		List<String> addresses = identity.verifiedEmails();
		if (addresses.isEmpty() && this.settings.requireVerifiedEmail()) {
			throw new JwtAllAuthException(ErrorCode.PROVIDER_EMAIL_UNVERIFIED);
		}
		List<UserAccount> owners = new ArrayList<>();
		List<UserAccount> occupied = new ArrayList<>();
		List<UserAccount> abandoned = new ArrayList<>();
		for (String address : addresses) {
			this.accounts.findByEmail(address).ifPresent((holder) -> {
				if (owns(holder) || isInvitation(holder)) {
					owners.add(holder);
				}
				else if (holder.getLastLogin() != null) {
					occupied.add(holder);
				}
				else {
					abandoned.add(holder);
				}
			});
		}
		boolean linking = this.settings.linksByEmail(identity.provider());
		if (!owners.isEmpty()) {
			if (!linking) {
				throw new JwtAllAuthException(ErrorCode.EMAIL_ALREADY_REGISTERED);
			}
			UserAccount owner = owners.get(0);
			SignInChecks.check(owner, this.requireVerifiedAccount);
			permit(identity, owner, SocialLoginAttempt.Kind.SIGN_IN);
			if (owesSecondFactor.test(owner)) {
				return new Resolution(owner, false, identity);
			}
			link(owner, identity);
			return new Resolution(owner, false, null);
		}
		if (!occupied.isEmpty()) {
			throw new JwtAllAuthException(
					linking ? ErrorCode.LOCAL_ACCOUNT_UNVERIFIED : ErrorCode.EMAIL_ALREADY_REGISTERED);
		}
		return new Resolution(signUp(identity, abandoned), true, null);
	}

	private UserAccount signUp(SocialIdentity identity, List<UserAccount> abandoned) {
		if (!this.signupOpen) {
			throw new JwtAllAuthException(ErrorCode.SIGNUP_CLOSED);
		}
		if (!this.settings.autoSignup()) {
			throw new JwtAllAuthException(ErrorCode.SIGNUP_NOT_ALLOWED);
		}
		permit(identity, null, SocialLoginAttempt.Kind.SIGN_UP);
		for (UserAccount holder : abandoned) {
			if (!this.accounts.deleteUnclaimed(holder.getId())) {
				// kept by its store, or claimed meanwhile: the address is not free
				throw new JwtAllAuthException(ErrorCode.LOCAL_ACCOUNT_UNVERIFIED);
			}
			// a link of an account that no longer exists would sign nobody in, and keep
			// its provider account from signing up again
			this.store.deleteForUser(holder.getId());
		}
		boolean verified = !identity.verifiedEmails().isEmpty();
		String email = verified ? identity.verifiedEmails().get(0) : identity.email();
		if (email == null) {
			throw new JwtAllAuthException(ErrorCode.PROVIDER_EMAIL_UNVERIFIED);
		}
		if (!verified && this.accounts.findByEmail(email).isPresent()) {
			// an address nobody vouched for never reaches an existing account
			throw new JwtAllAuthException(ErrorCode.EMAIL_ALREADY_REGISTERED);
		}
		UserAccount created = this.accounts
			.create(new NewAccount(email, null, identity.firstName(), identity.lastName(), 0, true, verified));
		// an address nobody vouched for cannot sign in where verification is mandatory:
		// refused here, the transaction takes the new account back
		SignInChecks.check(created, this.requireVerifiedAccount);
		link(created, identity);
		return created;
	}

	/**
	 * Finish what {@link #resolve} held back once the MFA gate has answered: a link that
	 * waits for the second factor is held under the challenge, or written now when the
	 * gate asked for none after all.
	 * @param resolution what {@link #resolve} answered
	 * @param challengeId the id of the challenge the gate issued, or {@code null} when it
	 * opened a session
	 */
	public void settle(Resolution resolution, @Nullable String challengeId) {
		SocialIdentity held = resolution.heldLink();
		if (held == null) {
			return;
		}
		if (challengeId != null) {
			this.pendingLinks.hold(challengeId, resolution.user().getId(), held);
			return;
		}
		try {
			this.transaction.executeWithoutResult((status) -> {
				if (this.store.find(held.provider(), held.uid()).isEmpty()) {
					this.store.link(resolution.user().getId(), held.provider(), held.uid(), this.clock.instant());
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// linked meanwhile by a concurrent sign-in: the user is signed in all the
			// same
		}
	}

	/**
	 * Connect a provider account to a signed-in user. Connecting the user's own link
	 * again answers that link; the provider's addresses are not added to the account.
	 * @param userId the signed-in user
	 * @param identity the provider account
	 * @return the link
	 * @throws JwtAllAuthException 409 {@code social_account_in_use} when the provider
	 * account is another user's, 403 {@code social_login_rejected} when a policy refuses
	 */
	public SocialAccount connect(String userId, SocialIdentity identity) {
		try {
			SocialAccount connected = this.transaction.execute((status) -> {
				Optional<SocialAccount> existing = this.store.find(identity.provider(), identity.uid());
				if (existing.isPresent()) {
					if (!existing.get().userId().equals(userId)) {
						// never re-pointed: that would hand the other user's way in over
						throw new JwtAllAuthException(ErrorCode.SOCIAL_ACCOUNT_IN_USE);
					}
					return existing.get();
				}
				UserAccount user = this.accounts.findById(userId)
					.filter(UserAccount::isActive)
					.orElseThrow(JwtAllAuthException::tokenNotValid);
				permit(identity, user, SocialLoginAttempt.Kind.CONNECT);
				return this.store.link(userId, identity.provider(), identity.uid(), this.clock.instant());
			});
			Assert.state(connected != null, "No link written");
			return connected;
		}
		catch (DuplicateKeyException ex) {
			// the same provider account, connected by a concurrent request
			throw new JwtAllAuthException(ErrorCode.SOCIAL_ACCOUNT_IN_USE);
		}
	}

	private void permit(SocialIdentity identity, @Nullable UserAccount account, SocialLoginAttempt.Kind kind) {
		SocialLoginAttempt attempt = new SocialLoginAttempt(identity, account, kind);
		for (SocialLoginPolicy policy : this.policies) {
			if (!policy.permits(attempt)) {
				throw new JwtAllAuthException(ErrorCode.SOCIAL_LOGIN_REJECTED);
			}
		}
	}

	// the unique constraint decides between concurrent links of one provider account:
	// the loser's transaction rolls back, and resolve asks again
	private void link(UserAccount user, SocialIdentity identity) {
		this.store.link(user.getId(), identity.provider(), identity.uid(), this.clock.instant());
	}

	/**
	 * A user's links, for {@code GET /social/accounts}.
	 * @param userId the signed-in user
	 * @return the links, ordered by id
	 */
	public List<SocialAccount> accounts(String userId) {
		return this.store.forUser(userId);
	}

	/**
	 * Remove one of a user's links, unless it is the last way into an account without a
	 * password.
	 * @param userId the signed-in user
	 * @param id the link's id
	 * @throws JwtAllAuthException {@code not_found} when the link is not the user's,
	 * {@code disconnect_not_allowed} when it is the last of an account without a password
	 */
	public void disconnect(String userId, long id) {
		this.transaction.executeWithoutResult((status) -> {
			// locked, so that two removals at once cannot both see another link left
			List<SocialAccount> links = this.store.forUserLocked(userId);
			if (links.stream().noneMatch((link) -> link.id() == id)) {
				throw JwtAllAuthException.notFound();
			}
			boolean passwordless = this.accounts.findById(userId)
				.map((user) -> user.getPassword() == null)
				.orElse(true);
			if (links.size() == 1 && passwordless) {
				throw new JwtAllAuthException(ErrorCode.DISCONNECT_NOT_ALLOWED);
			}
			this.store.delete(id, userId);
		});
	}

	// Whoever controls the address, as far as jwt-allauth knows: a verified address, or
	// an administrator.
	private static boolean owns(UserAccount holder) {
		return holder.isEmailVerified() || holder.getRole() >= ADMINISTRATOR_ROLE;
	}

	// An account made without a password and without a provider: an invitation to that
	// address, which the invitee owns. One made by a provider that did not vouch for the
	// address (require-verified-email off) proves nothing of it, and never takes in the
	// address's real owner.
	private boolean isInvitation(UserAccount holder) {
		return holder.getPassword() == null && this.store.forUser(holder.getId()).isEmpty();
	}

	private ClientRegistration registration(String provider) {
		ClientRegistration registration = this.registrations.findByRegistrationId(provider);
		if (registration == null) {
			throw new JwtAllAuthException(ErrorCode.PROVIDER_NOT_CONFIGURED);
		}
		return registration;
	}

	/**
	 * The account a provider account signs in.
	 *
	 * @param user the account
	 * @param created whether the sign-in created it
	 * @param heldLink the provider account whose link waits for the user's second factor,
	 * or {@code null}
	 */
	public record Resolution(UserAccount user, boolean created, @Nullable SocialIdentity heldLink) {
	}

	/**
	 * A configured provider as clients see it.
	 *
	 * @param id the registration id, the provider's path segment
	 * @param name the registration's client name
	 * @param clientId the client id
	 */
	public record Provider(String id, String name, String clientId) {
	}

}
