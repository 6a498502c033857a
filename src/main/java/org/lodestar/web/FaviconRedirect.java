package org.lodestar.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages name their icon ({@code /favicon.svg}), but a browser showing anything else (a JSON answer, a CSV, the API
 * document) asks for {@code /favicon.ico} on its own: it is sent to the same icon instead of a 404 in every log.
 */
@Configuration(proxyBeanMethods = false)
class FaviconRedirect implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/favicon.svg").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
    }
}
