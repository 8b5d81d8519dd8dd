package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;
import java.util.Optional;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

/**
 * The user store. The default {@link JpaAccountService} keeps users in the
 * {@code jwt_allauth_user} table; declare a bean of this type to use the application's
 * own. Implementations are called inside the caller's transaction where there is one.
 *
 * @author jwt-allauth contributors
 */
public interface AccountService {

	/**
	 * Find a user by id.
	 * @param id the user id
	 * @return the user, if it exists
	 */
	Optional<UserAccount> findById(String id);

	/**
	 * Find a user by e-mail address.
	 * @param email the address as {@link EmailAddresses#parse(String)} makes it
	 * @return the user, if it exists
	 */
	Optional<UserAccount> findByEmail(String email);

	/**
	 * Create a user.
	 * @param account the account to create
	 * @return the created user
	 * @throws EmailAlreadyRegisteredException if the address is taken
	 */
	UserAccount create(NewAccount account);

	/**
	 * Change a user's names.
	 * @param id the user id
	 * @param firstName the new first name
	 * @param lastName the new last name
	 * @return the updated user, empty if it does not exist
	 */
	Optional<UserAccount> updateNames(String id, String firstName, String lastName);

	/**
	 * Replace a user's password.
	 * @param id the user id
	 * @param encodedPassword the new encoded password
	 * @return whether the user exists
	 */
	boolean updatePassword(String id, String encodedPassword);

	/**
	 * Replace a password hash that the {@code PasswordEncoder} would now write
	 * differently (a hash imported from Django, a bcrypt of a lower strength), after a
	 * login checked the password against it. The hash is replaced only if it is still the
	 * one checked, so that a password changed meanwhile is kept. The default reads the
	 * user then calls {@link #updatePassword(String, String)}; the JPA store does both in
	 * one transaction, with the row locked.
	 * @param id the user id
	 * @param currentEncodedPassword the hash the password was checked against
	 * @param newEncodedPassword the new hash of the same password
	 * @return whether the hash was replaced
	 */
	default boolean upgradePassword(String id, String currentEncodedPassword, String newEncodedPassword) {
		return findById(id).filter((user) -> currentEncodedPassword.equals(user.getPassword())).isPresent()
				&& updatePassword(id, newEncodedPassword);
	}

	/**
	 * Mark a user's e-mail address as verified.
	 * @param id the user id
	 * @return whether the user exists
	 */
	boolean markEmailVerified(String id);

	/**
	 * Change a user's role (an invitation sent again with another role).
	 * @param id the user id
	 * @param role the new role
	 * @return whether the user exists
	 */
	boolean updateRole(String id, int role);

	/**
	 * Record a successful login.
	 * @param id the user id
	 * @param when the login time
	 */
	void recordLogin(String id, Instant when);

	/**
	 * Delete an account nobody ever used, so that a verified owner of its address can
	 * take the address: social login supersedes an account whose address was never proven
	 * and that never logged in. The default keeps every account, and social login then
	 * refuses the address as taken.
	 * @param id the user id
	 * @return whether the account was deleted
	 */
	default boolean deleteUnclaimed(String id) {
		return false;
	}

}
