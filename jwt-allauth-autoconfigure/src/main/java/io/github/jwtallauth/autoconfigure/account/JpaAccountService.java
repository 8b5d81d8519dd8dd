package io.github.jwtallauth.autoconfigure.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

/**
 * {@link AccountService} over the {@link JwtAllAuthUser} entity.
 *
 * @author jwt-allauth contributors
 */
final class JpaAccountService implements AccountService {

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final Clock clock;

	/**
	 * Create a service.
	 * @param entityManager the shared entity manager
	 * @param transaction the transaction template used when no transaction is active
	 * @param clock the clock that stamps dates
	 */
	JpaAccountService(EntityManager entityManager, TransactionTemplate transaction, Clock clock) {
		Assert.notNull(entityManager, "'entityManager' must not be null");
		Assert.notNull(transaction, "'transaction' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public Optional<UserAccount> findById(String id) {
		Long key = parseId(id);
		return (key != null) ? Optional.ofNullable(this.entityManager.find(JwtAllAuthUser.class, key))
				: Optional.empty();
	}

	@Override
	public Optional<UserAccount> findByEmail(String email) {
		// parsed again so that a caller passing an address as typed finds the same
		// account, and one
		// that cannot be an address finds none
		return EmailAddresses.parse(email).flatMap(this::findByParsedEmail);
	}

	private Optional<UserAccount> findByParsedEmail(String email) {
		List<JwtAllAuthUser> users = this.entityManager
			.createQuery("select u from JwtAllAuthUser u where u.email = :email", JwtAllAuthUser.class)
			.setParameter("email", email)
			.getResultList();
		return users.stream().findFirst().map(UserAccount.class::cast);
	}

	@Override
	public UserAccount create(NewAccount account) {
		try {
			return this.transaction.execute((status) -> {
				if (findByEmail(account.email()).isPresent()) {
					throw new EmailAlreadyRegisteredException();
				}
				JwtAllAuthUser user = new JwtAllAuthUser(account, this.clock.instant());
				this.entityManager.persist(user);
				this.entityManager.flush();
				return user;
			});
		}
		catch (DataIntegrityViolationException | ConstraintViolationException ex) {
			// two sign-ups raced for the same address; the unique index decided (any
			// other failure,
			// a database outage say, propagates as what it is)
			throw new EmailAlreadyRegisteredException();
		}
	}

	@Override
	public Optional<UserAccount> updateNames(String id, String firstName, String lastName) {
		Long key = parseId(id);
		if (key == null) {
			return Optional.empty();
		}
		return this.transaction.execute((status) -> {
			JwtAllAuthUser user = this.entityManager.find(JwtAllAuthUser.class, key);
			if (user == null) {
				return Optional.<UserAccount>empty();
			}
			user.setNames(firstName, lastName);
			return Optional.<UserAccount>of(user);
		});
	}

	@Override
	public boolean updatePassword(String id, String encodedPassword) {
		return modify(id, (user) -> user.setPassword(encodedPassword));
	}

	// Read again under a row lock in the transaction that writes, so that a password
	// change committed since the login read the hash is never overwritten.
	@Override
	public boolean upgradePassword(String id, String currentEncodedPassword, String newEncodedPassword) {
		Long key = parseId(id);
		if (key == null) {
			return false;
		}
		Boolean upgraded = this.transaction.execute((status) -> {
			JwtAllAuthUser user = this.entityManager.find(JwtAllAuthUser.class, key);
			if (user == null) {
				return false;
			}
			this.entityManager.refresh(user, LockModeType.PESSIMISTIC_WRITE);
			if (!currentEncodedPassword.equals(user.getPassword())) {
				return false;
			}
			user.setPassword(newEncodedPassword);
			return true;
		});
		return Boolean.TRUE.equals(upgraded);
	}

	// Through the managed entity rather than a bulk UPDATE, so that an entity manager
	// spanning the
	// request (open-in-view) does not keep answering the old value.
	@Override
	public boolean markEmailVerified(String id) {
		return modify(id, JwtAllAuthUser::markEmailVerified);
	}

	@Override
	public boolean updateRole(String id, int role) {
		return modify(id, (user) -> user.setRole(role));
	}

	private boolean modify(String id, Consumer<JwtAllAuthUser> change) {
		Long key = parseId(id);
		if (key == null) {
			return false;
		}
		Boolean found = this.transaction.execute((status) -> {
			JwtAllAuthUser user = this.entityManager.find(JwtAllAuthUser.class, key);
			if (user == null) {
				return false;
			}
			change.accept(user);
			return true;
		});
		return Boolean.TRUE.equals(found);
	}

	@Override
	public void recordLogin(String id, Instant when) {
		Long key = parseId(id);
		if (key == null) {
			return;
		}
		this.transaction.executeWithoutResult((status) -> this.entityManager
			.createQuery("update JwtAllAuthUser u set u.lastLogin = :when where u.id = :id")
			.setParameter("when", when)
			.setParameter("id", key)
			.executeUpdate());
	}

	// Conditional on the row still being unclaimed, so that a login or a verification
	// racing the deletion wins.
	@Override
	public boolean deleteUnclaimed(String id) {
		Long key = parseId(id);
		if (key == null) {
			return false;
		}
		Integer deleted = this.transaction.execute((status) -> this.entityManager
			.createQuery("delete from JwtAllAuthUser u where u.id = :id and u.lastLogin is null "
					+ "and u.emailVerified = false")
			.setParameter("id", key)
			.executeUpdate());
		return deleted != null && deleted == 1;
	}

	private static @Nullable Long parseId(String id) {
		try {
			return Long.valueOf(id);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
