package io.github.jwtallauth.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the formatter does not check: classes are named by their imports, never by a
 * fully-qualified name in the code, and imports come in the project's groups (java,
 * javax, other libraries, Spring, jwt-allauth, static), each sorted.
 */
class SourceStyleTests {

	private static final List<Path> ROOTS = List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"),
			Path.of("..", "jwt-allauth-sample-app", "src"), Path.of("..", "jwt-allauth-test", "src"),
			Path.of("..", "jwt-allauth-sample-resource-server", "src"));

	// a package path of lower-case segments followed by a type name
	private static final Pattern QUALIFIED = Pattern
		.compile("(?<![\\w.\"])\\b(?:java|javax|jakarta|org|com|io|net|tools|reactor)\\.(?:[a-z_]\\w*\\.)+[A-Z]\\w*");

	// comments, text blocks, strings and characters, where a qualified name is prose or
	// data (a class name given to a condition, for example)
	private static final Pattern NOT_CODE = Pattern.compile(
			"/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])'",
			Pattern.DOTALL);

	@Test
	void codeWhenReadThenNoFullyQualifiedNames() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path source : sources()) {
			String[] lines = code(Files.readString(source)).split("\n", -1);
			for (int i = 0; i < lines.length; i++) {
				if (lines[i].startsWith("import ") || lines[i].startsWith("package ")) {
					continue;
				}
				Matcher matcher = QUALIFIED.matcher(lines[i]);
				while (matcher.find()) {
					found.add(source + ":" + (i + 1) + " " + matcher.group());
				}
			}
		}
		assertThat(found).as("fully-qualified names in code; import them instead").isEmpty();
	}

	@Test
	void importsWhenReadThenGroupedAndSorted() throws IOException {
		List<String> unsorted = new ArrayList<>();
		Comparator<String> order = Comparator.comparingInt(SourceStyleTests::group)
			.thenComparing((line) -> line.substring(0, line.length() - 1));
		for (Path source : sources()) {
			List<String> imports = Files.readAllLines(source)
				.stream()
				.filter((line) -> line.startsWith("import "))
				.toList();
			if (!imports.equals(imports.stream().sorted(order).toList())) {
				unsorted.add(source.toString());
			}
		}
		assertThat(unsorted)
			.as("files whose imports are not in java, javax, libraries, Spring, jwt-allauth, static order")
			.isEmpty();
	}

	private static int group(String line) {
		String name = line.substring("import ".length());
		if (name.startsWith("static ")) {
			return 5;
		}
		if (name.startsWith("java.")) {
			return 0;
		}
		if (name.startsWith("javax.")) {
			return 1;
		}
		if (name.startsWith("org.springframework.")) {
			return 3;
		}
		return name.startsWith("io.github.jwtallauth.") ? 4 : 2;
	}

	private static String code(String source) {
		Matcher matcher = NOT_CODE.matcher(source);
		StringBuilder code = new StringBuilder(source.length());
		int last = 0;
		while (matcher.find()) {
			code.append(source, last, matcher.start());
			code.append(matcher.group().replaceAll("[^\\n]", " "));
			last = matcher.end();
		}
		return code.append(source.substring(last)).toString();
	}

	private static List<Path> sources() throws IOException {
		List<Path> sources = new ArrayList<>();
		for (Path root : ROOTS) {
			if (Files.isDirectory(root)) {
				try (Stream<Path> files = Files.walk(root)) {
					files.filter((file) -> file.toString().endsWith(".java")).sorted().forEach(sources::add);
				}
			}
		}
		assertThat(sources).as("sources found from %s", Path.of("").toAbsolutePath()).hasSizeGreaterThan(100);
		return sources;
	}

}
