package io.github.jwtallauth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSecretPropertyException}: the property and the reason, without
 * the value.
 *
 * @author jwt-allauth contributors
 */
final class InvalidSecretPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSecretPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSecretPropertyException cause) {
		return new FailureAnalysis(
				"The value of configuration property '" + cause.getName() + "' is invalid. It is a secret, so it is "
						+ "not shown here. Reason: " + cause.getReason(),
				"Set '" + cause.getName() + "' to a valid value (from the environment or a secret store).", cause);
	}

}
