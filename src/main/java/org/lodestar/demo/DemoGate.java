package org.lodestar.demo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import tools.jackson.databind.json.JsonMapper;

/**
 * While the demo book is generated, every page (the sign-in too) is a "Lodestar is generating the demo book" page
 * with its progress, and sign-ins and API calls are refused with 503 and Retry-After: nobody works on half a book.
 * Stylesheets, scripts and the health probes pass. {@code GET /demo/progress} tells how far it is, as JSON or as the
 * page's progress block (which the page polls; once the book is ready it asks the browser to reload, which shows the
 * sign-in).
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DemoGate extends OncePerRequestFilter {

    static final String PROGRESS = "/demo/progress";
    /** Seconds a client is asked to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DemoProgress progress;
    private final TemplateEngine templates;

    DemoGate(DemoProgress progress, TemplateEngine templates) {
        this.progress = progress;
        this.templates = templates;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!progress.demo()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/favicon") || path.startsWith("/actuator/health")
                || (!progress.waiting() && !path.equals(PROGRESS));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        DemoProgress.Snapshot now = progress.snapshot();
        if (path.equals(PROGRESS)) {
            answerProgress(request, response, now);
        } else if (path.startsWith("/api/") || path.startsWith("/v1/")) {
            refuse(response, path, now);
        } else {
            page(response, now);
        }
    }

    private void answerProgress(HttpServletRequest request, HttpServletResponse response, DemoProgress.Snapshot now)
            throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (request.getHeader("HX-Request") != null) {
            if (!now.waiting()) {
                // The book is ready: the page reloads, which is now the sign-in.
                response.setHeader("HX-Refresh", "true");
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return;
            }
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(templates.process("demo-generating", Set.of("progress"), context(now)));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", !now.waiting());
        body.put("step", now.step());
        body.put("steps", now.steps());
        body.put("label", now.label());
        if (now.total() > 0) {
            body.put("done", now.done());
            body.put("total", now.total());
        }
        body.put("percent", now.percent());
        body.put("elapsedSeconds", now.elapsed().toSeconds());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    private void refuse(HttpServletResponse response, String path, DemoProgress.Snapshot now) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Service Unavailable");
        problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        problem.put("detail", "Lodestar is generating the demo book (" + now.describe() + ", " + now.percent()
                + "%); try again in a few seconds, or follow GET " + PROGRESS);
        problem.put("instance", path);
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }

    private void page(HttpServletResponse response, DemoProgress.Snapshot now) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(templates.process("demo-generating", context(now)));
    }

    private static Context context(DemoProgress.Snapshot now) {
        Context context = new Context();
        context.setVariable("progress", now);
        context.setVariable("steps", DemoProgress.STEPS.stream().map(DemoProgress.Step::label).toList());
        context.setVariable("progressUrl", PROGRESS);
        return context;
    }
}
