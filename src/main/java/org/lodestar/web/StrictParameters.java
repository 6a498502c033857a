package org.lodestar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.StrictValues;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request parameters (query strings and the UI's form fields) hold text a database can store: a NUL
 * character (or a lone surrogate) in any of them is a 400 naming each such parameter, before any
 * handler runs: a problem detail on the API, the error page on the UI. Dates
 * and times in parameters are read as in bodies: ISO, years 1 to 9999.
 */
@Configuration
class StrictParameters implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Registered after Spring's own, so these win, also over @DateTimeFormat(iso = DATE).
        registry.addConverter(String.class, LocalDate.class, text -> text.isBlank() ? null : StrictValues.date(text));
        registry.addConverter(String.class, Instant.class, text -> text.isBlank() ? null : StrictValues.timestamp(text));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<InvalidInput.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String nameProblem = StrictValues.textProblem(parameter.getKey());
            if (nameProblem != null) {
                problems.add(new InvalidInput.Problem("(parameter name)", nameProblem));
                continue;
            }
            for (String value : parameter.getValue()) {
                String problem = StrictValues.textProblem(value);
                if (problem != null) {
                    problems.add(new InvalidInput.Problem(parameter.getKey(), problem));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return true;
    }
}
