package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The default user entity, table {@code jwt_allauth_user}.
 *
 * @author jwt-allauth contributors
 */
@Entity
@Table(name = "jwt_allauth_user")
public class JwtAllAuthUser implements UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "email", nullable = false, unique = true, length = 254)
	private String email = "";

	@Column(name = "password", length = 255)
	private @Nullable String password;

	@Column(name = "first_name", nullable = false, length = 150)
	private String firstName = "";

	@Column(name = "last_name", nullable = false, length = 150)
	private String lastName = "";

	@Column(name = "role", nullable = false)
	private int role;

	@Column(name = "active", nullable = false)
	private boolean active = true;

	@Column(name = "email_verified", nullable = false)
	private boolean emailVerified;

	@Column(name = "date_joined", nullable = false)
	private Instant dateJoined = Instant.EPOCH;

	@Column(name = "last_login")
	private @Nullable Instant lastLogin;

	protected JwtAllAuthUser() {
	}

	JwtAllAuthUser(NewAccount account, Instant dateJoined) {
		this.email = account.email();
		this.password = account.encodedPassword();
		this.firstName = account.firstName();
		this.lastName = account.lastName();
		this.role = account.role();
		this.active = account.active();
		this.emailVerified = account.emailVerified();
		this.dateJoined = dateJoined;
	}

	@Override
	public String getId() {
		return String.valueOf(this.id);
	}

	@Override
	public String getEmail() {
		return this.email;
	}

	@Override
	public @Nullable String getPassword() {
		return this.password;
	}

	@Override
	public String getFirstName() {
		return this.firstName;
	}

	@Override
	public String getLastName() {
		return this.lastName;
	}

	@Override
	public int getRole() {
		return this.role;
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	public Instant getDateJoined() {
		return this.dateJoined;
	}

	@Override
	public @Nullable Instant getLastLogin() {
		return this.lastLogin;
	}

	void setNames(String firstName, String lastName) {
		this.firstName = firstName;
		this.lastName = lastName;
	}

	void markEmailVerified() {
		this.emailVerified = true;
	}

	void setPassword(String encodedPassword) {
		this.password = encodedPassword;
	}

	void setRole(int role) {
		this.role = role;
	}

	@Override
	public String toString() {
		return "JwtAllAuthUser[id=" + this.id + "]";
	}

}
