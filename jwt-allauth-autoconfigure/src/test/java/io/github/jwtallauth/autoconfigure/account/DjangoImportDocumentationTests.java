package io.github.jwtallauth.autoconfigure.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration guide shows the import statements exactly as they are in the files the
 * PostgreSQL integration test runs, so that what users copy is what was tested.
 */
class DjangoImportDocumentationTests {

	private static final Path DOCS = Path.of("..", "docs");

	@Test
	void guideWhenReadThenHoldsEachImportScriptVerbatim() throws IOException {
		String guide = Files.readString(DOCS.resolve("migrating-from-django.md"));
		for (String script : new String[] { "import-django-users-postgresql.sql", "import-django-users-mysql.sql" }) {
			String sql = Files.readString(DOCS.resolve("sql").resolve(script));
			assertThat(guide).as(script).contains("```sql\n" + sql + "```");
		}
	}

}
