package org.lodestar.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links on pages are written as they are. Spring Boot would otherwise put a filter before every page that passes each
 * link a template builds ({@code @{/accounts/42}}) through the static-resource chain, which looks every one of them up
 * on the class path, found or not: on a worklist or book page of a few hundred links that was most of the time the page
 * took. Nothing needs the rewriting: webjars are addressed without their version and found when they are served (the
 * resource handler keeps doing that), and no content-hash versioning is configured.
 */
@Configuration(proxyBeanMethods = false)
class ResourceLinks {

    /** A filter of the type Boot looks for, so it adds none of its own... */
    @Bean
    ResourceUrlEncodingFilter resourceUrlEncodingFilter() {
        return new ResourceUrlEncodingFilter();
    }

    /** ...and never put in front of a request. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff(ResourceUrlEncodingFilter filter) {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
