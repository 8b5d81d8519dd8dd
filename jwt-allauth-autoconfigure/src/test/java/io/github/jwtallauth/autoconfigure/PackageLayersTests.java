package io.github.jwtallauth.autoconfigure;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's packages layer: each package uses only the ones below it, so that a feature can be
 * understood, replaced or made optional without dragging the ones above it along. From the bottom:
 * the root package (properties and value types), housekeeping, problem, token, account, session,
 * ratelimit, mail, flows, mfa, security, web, actuate.
 */
class PackageLayersTests {

	private static final String ROOT = "io.github.jwtallauth.autoconfigure";

	/** Bottom first. */
	private static final List<String> LAYERS = List.of("housekeeping", "problem", "token", "account", "session",
			"ratelimit", "mail", "flows", "mfa", "security", "web", "actuate");

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

	// The services of account, session, ratelimit, mail, flows and mfa still throw problems that carry
	// an HTTP status; these packages already know nothing of HTTP, servlets or Spring Security.
	@Test
	void lowestPackagesWhenComparedThenKnowNothingOfTheWeb() {
		noClasses().that()
			.resideInAnyPackage(ROOT, ROOT + ".housekeeping..", ROOT + ".token..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "jakarta.servlet..", "org.springframework.security..",
					"org.springframework.web..")
			.check(CLASSES);
	}

}
