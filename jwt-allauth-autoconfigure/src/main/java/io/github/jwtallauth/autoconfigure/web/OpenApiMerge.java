package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds jwt-allauth's paths, components and tags to an application's springdoc document.
 * The schemas, responses and headers are renamed with the prefix {@value #PREFIX}
 * ({@code JwtAllAuthUser}, {@code JwtAllAuthProblem}) so that they never replace the
 * application's own components of the same name; the security schemes keep their names
 * and yield to the application's.
 *
 * @author jwt-allauth contributors
 */
final class OpenApiMerge implements OpenApiCustomizer {

	static final String PREFIX = "JwtAllAuth";

	private static final Pattern REFERENCE = Pattern.compile("'#/components/(schemas|responses|headers)/");

	private final String yaml;

	/**
	 * Create the merge.
	 * @param yaml jwt-allauth's document, paths under the configured base path
	 */
	OpenApiMerge(String yaml) {
		this.yaml = REFERENCE.matcher(yaml).replaceAll("'#/components/$1/" + PREFIX);
		read();
	}

	@Override
	public void customise(OpenAPI openApi) {
		// read again each time: springdoc may change what it is given, and a document is
		// built once per group
		OpenAPI ours = read();
		if (openApi.getPaths() == null) {
			openApi.setPaths(new Paths());
		}
		ours.getPaths().forEach(openApi.getPaths()::addPathItem);
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		Components target = openApi.getComponents();
		Components source = ours.getComponents();
		source.getSchemas().forEach((name, schema) -> target.addSchemas(PREFIX + name, schema));
		source.getResponses().forEach((name, response) -> target.addResponses(PREFIX + name, response));
		source.getHeaders().forEach((name, header) -> target.addHeaders(PREFIX + name, header));
		source.getSecuritySchemes().forEach((name, scheme) -> {
			if (target.getSecuritySchemes() == null || !target.getSecuritySchemes().containsKey(name)) {
				target.addSecuritySchemes(name, scheme);
			}
		});
		for (Tag tag : ours.getTags()) {
			if (openApi.getTags() == null
					|| openApi.getTags().stream().noneMatch((existing) -> tag.getName().equals(existing.getName()))) {
				openApi.addTagsItem(tag);
			}
		}
	}

	private OpenAPI read() {
		try {
			return Yaml31.mapper().readValue(this.yaml, OpenAPI.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
