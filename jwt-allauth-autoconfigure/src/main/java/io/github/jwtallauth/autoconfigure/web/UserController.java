package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * Reads the current user and changes their names.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class UserController {

	static final int MAX_NAME = 150;

	private final AccountService accounts;

	UserController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping({ "/user", "/user/" })
	public Map<String, Object> get(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal) {
		String id = Principals.require(principal).subject();
		return describe(this.accounts.findById(id).orElseThrow(JwtAllAuthException::tokenNotValid));
	}

	@PatchMapping({ "/user", "/user/" })
	public Map<String, Object> patch(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody UserPatch body) {
		String id = Principals.require(principal).subject();
		UserAccount current = this.accounts.findById(id).orElseThrow(JwtAllAuthException::tokenNotValid);
		FieldErrors errors = new FieldErrors();
		errors.maxLength("first_name", body.firstName(), MAX_NAME);
		errors.maxLength("last_name", body.lastName(), MAX_NAME);
		errors.printable("first_name", body.firstName());
		errors.printable("last_name", body.lastName());
		errors.throwIfAny();
		if (body.firstName() == null && body.lastName() == null) {
			return describe(current);
		}
		String firstName = (body.firstName() != null) ? body.firstName().strip() : current.getFirstName();
		String lastName = (body.lastName() != null) ? body.lastName().strip() : current.getLastName();
		return describe(
				this.accounts.updateNames(id, firstName, lastName).orElseThrow(JwtAllAuthException::tokenNotValid));
	}

	static Map<String, Object> describe(UserAccount user) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", user.getId());
		body.put("email", user.getEmail());
		body.put("first_name", user.getFirstName());
		body.put("last_name", user.getLastName());
		body.put("role", user.getRole());
		body.put("email_verified", user.isEmailVerified());
		return body;
	}

	/**
	 * Body of {@code PATCH /user}: only the names change; other fields are ignored.
	 *
	 * @param firstName the new first name
	 * @param lastName the new last name
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record UserPatch(@JsonProperty("first_name") @Nullable String firstName,
			@JsonProperty("last_name") @Nullable String lastName) {
	}

}
