package io.github.jwtallauth.autoconfigure.account;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;

import org.springframework.util.function.SingletonSupplier;

/**
 * The one class that touches zxcvbn4j, so that {@link DefaultPasswordPolicy} loads
 * without it: loaded only when the library is on the classpath.
 *
 * @author jwt-allauth contributors
 */
final class CommonPasswords {

	/** A class of zxcvbn4j, to test for its presence. */
	static final String ZXCVBN_CLASS = "com.nulabinc.zxcvbn.Zxcvbn";

	// loading the dictionaries takes a moment and some memory: only when a password is
	// first checked
	private final SingletonSupplier<Zxcvbn> zxcvbn = SingletonSupplier.of(Zxcvbn::new);

	/**
	 * Whether a password is, as a whole, one plain entry of zxcvbn's ranked list of
	 * leaked passwords.
	 * @param password the password, not empty
	 * @return whether it is common
	 */
	boolean isCommon(String password) {
		for (Match match : this.zxcvbn.obtain().measure(password).getSequence()) {
			if (match.pattern == Pattern.Dictionary && "passwords".equals(match.dictionaryName) && match.i == 0
					&& match.j == password.length() - 1 && !match.reversed && !match.l33t) {
				return true;
			}
		}
		return false;
	}

}
