package io.github.jwtallauth.autoconfigure.web;

import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the style sheet and script of the built-in pages under the base path's
 * {@value Pages#ASSETS_PATH}, so that the pages' Content-Security-Policy can allow the
 * application's own origin instead of inline code. An application that replaces a page's
 * template may keep using them.
 *
 * @author jwt-allauth contributors
 */
final class PageAssetsWebMvcConfigurer implements WebMvcConfigurer {

	private final String basePath;

	PageAssetsWebMvcConfigurer(String basePath) {
		this.basePath = basePath;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(this.basePath + Pages.ASSETS_PATH + "/*")
			.addResourceLocations(Pages.ASSETS_LOCATION);
	}

}
