package io.github.jwtallauth.autoconfigure;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.TrustedProxiesClientIpResolver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's packages layer: each package uses only the ones below it, so that a
 * feature can be understood, replaced or made optional without dragging the ones above it
 * along. From the bottom: the root package (properties and value types), housekeeping,
 * problem, token, account, session, ratelimit, mail, flows, mfa, security, web, actuate.
 */
class PackageLayersTests {

	private static final String ROOT = "io.github.jwtallauth.autoconfigure";

	/** Bottom first. */
	private static final List<String> LAYERS = List.of("housekeeping", "problem", "token", "account", "session",
			"ratelimit", "mail", "flows", "mfa", "social", "security", "web", "actuate");

	/**
	 * The classes of the lower packages that read a request or write a response: the
	 * problem writer, used by the security entry points below the web layer, and the
	 * client-IP and device resolvers, whose request-taking signatures are a public
	 * extension point ({@link ClientIpResolver}).
	 */
	private static final Class<?>[] WEB_EDGE = { ProblemResponseWriter.class, ClientIpResolver.class,
			TrustedProxiesClientIpResolver.class, DeviceInfoResolver.class };

	/**
	 * The class that calls social-login providers through Spring's HTTP client (an
	 * outbound call, not a transport the service is reached by): the code exchange, which
	 * builds Spring Security's token client with timeouts.
	 */
	private static final String OUTBOUND_CLIENT = ROOT + ".social.SocialCodeExchange";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void packagesWhenComparedThenNoneUsesOneAboveIt() {
		LayeredArchitecture architecture = Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("root")
			.definedBy(ROOT);
		for (String layer : LAYERS) {
			architecture = architecture.layer(layer).definedBy(ROOT + "." + layer + "..");
		}
		for (int i = 0; i < LAYERS.size(); i++) {
			String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
			architecture = (above.length > 0) ? architecture.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above)
					: architecture.whereLayer(LAYERS.get(i)).mayNotBeAccessedByAnyLayer();
		}
		architecture.check(CLASSES);
	}

	@Test
	void rootPackageWhenComparedThenUsesNoFeaturePackage() {
		noClasses().that()
			.resideInAPackage(ROOT)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".*..")
			.check(CLASSES);
	}

	@Test
	void packagesWhenComparedThenFreeOfCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	// Services throw JwtAllAuthException with an ErrorCode; only the web layer (and the
	// problem writer
	// that the security entry points share with it) turns one into an HTTP answer. A
	// session or mail
	// flow therefore runs the same behind any transport, and a test of it needs no
	// request.
	@Test
	void lowestPackagesWhenComparedThenKnowNothingOfTheWeb() {
		noClasses().that()
			.resideInAnyPackage(ROOT, ROOT + ".housekeeping..", ROOT + ".token..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "jakarta.servlet..", "org.springframework.security..",
					"org.springframework.web..")
			.check(CLASSES);
		// account may hash passwords with Spring Security's crypto, which is not the web
		noClasses().that()
			.resideInAnyPackage(ROOT + ".problem..", ROOT + ".account..", ROOT + ".session..", ROOT + ".ratelimit..",
					ROOT + ".mail..", ROOT + ".flows..", ROOT + ".mfa..", ROOT + ".social..")
			.and()
			.doNotBelongToAnyOf(WEB_EDGE)
			.and()
			.doNotHaveFullyQualifiedName(OUTBOUND_CLIENT)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "jakarta.servlet..", "org.springframework.web..",
					"org.springframework.security.web..")
			.check(CLASSES);
	}

}
