package io.github.jwtallauth.autoconfigure.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import org.springframework.asm.ClassReader;

/**
 * Keeps Jazzer's coverage instrumentation off record classes when a fuzz test fuzzes.
 * Jazzer 0.24.0 rewrites a record whose components carry annotations (jspecify's
 * {@code @Nullable}) into a class the JVM cannot link ({@code NoSuchFieldError} on its
 * own component), fixed upstream after that release. Records hold no branches worth
 * fuzzing, so this lists every record class in the class-path directories as
 * {@code jazzer.instrumentation_excludes} before the first fuzz test installs Jazzer's
 * agent; a hand-kept list would miss the next record. Registered in
 * {@code META-INF/services}; it does nothing unless {@code JAZZER_FUZZ} is set.
 */
public class JazzerRecordExclusion implements LauncherSessionListener {

	static final String EXCLUDES = "jazzer.instrumentation_excludes";

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		boolean fuzzing = System.getenv("JAZZER_FUZZ") != null || System.getProperty("JAZZER_FUZZ") != null;
		if (!fuzzing) {
			return;
		}
		List<String> excludes = new ArrayList<>();
		String configured = System.getProperty(EXCLUDES);
		if (configured != null && !configured.isBlank()) {
			excludes.add(configured);
		}
		// Surefire's class path is a manifest-only jar: ask the class loader for the
		// directories
		try {
			Enumeration<URL> roots = JazzerRecordExclusion.class.getClassLoader().getResources("");
			while (roots.hasMoreElements()) {
				URL root = roots.nextElement();
				if ("file".equals(root.getProtocol())) {
					excludes.addAll(records(Path.of(root.toURI())));
				}
			}
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		// this option's list separator is the path separator (jazzer.instrument's is a
		// comma)
		System.setProperty(EXCLUDES, String.join(File.pathSeparator, excludes));
	}

	private static List<String> records(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".class"))
				.filter(JazzerRecordExclusion::isRecord)
				.map((file) -> directory.relativize(file).toString().replace(File.separatorChar, '.'))
				.map((name) -> name.substring(0, name.length() - ".class".length()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isRecord(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return "java/lang/Record".equals(new ClassReader(in).getSuperName());
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

}
