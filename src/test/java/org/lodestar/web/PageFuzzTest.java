package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.infrastructure.Labels;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The UI's own forms and pages get the fuzz harness's treatment: every page and form handler the
 * application maps (read from Spring's own handler mapping, so a new page is covered the day it is
 * written; a form bound to a record sends each of its fields), signed in as an admin with a valid CSRF
 * token ({@link FormSession}), one request parameter at a time set to a generated bad value. No answer
 * may be a 5xx. Seeded like {@link InputFuzzTest}.
 */
@LodestarTest
class PageFuzzTest {

    private static final long SEED = Long.getLong("lodestar.fuzz.seed", 20261206L);
    private static final int TRIES = Integer.getInteger("lodestar.fuzz.tries", 4);
    private static final List<String> BAD = List.of("a\u0000b", "-1", "0", "99999999999999999999", "1.5", "",
            "+999999999-12-31", "10000-01-01", "0000-01-01", "2026-02-30", "1e400", "x".repeat(5_000), "'; drop table "
                    + "account; --", "%", "😀", "null", "[]", "{}", "1200.005", "-0.0");

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private FormSession browser;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private int sent;

    @BeforeEach
    void signIn() {
        book.empty();
        browser = new FormSession(port);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        String account = api.post("/api/accounts", "{\"externalId\":\"PF-1\",\"name\":\"Page Fuzz\"}").json().get("id")
                .asString();
        ids.put("id", account);
        ids.put("accountId", account);
        ids.put("subscriptionId", api.post("/api/accounts/" + account + "/subscriptions", "{\"externalId\":\"PF-S\","
                + "\"startDate\":\"2026-01-01\",\"endDate\":\"2026-12-31\",\"lineItems\":[{\"plan\":\"pro\",\"seats\":5,"
                + "\"arr\":1000}]}").json().get("id").asString());
        ids.put("taskId", api.post("/api/tasks", "{\"accountId\":" + account + ",\"title\":\"Fuzz\"}").json().get("id")
                .asString());
        ids.put("stakeholderId", api.post("/api/accounts/" + account + "/stakeholders", "{\"email\":\"pf@fuzz.example\","
                + "\"name\":\"Page Fuzz\",\"role\":\"champion\"}").json().get("id").asString());
        // The people page's forms change a throwaway user and token, never the admin the other tests sign in as.
        var me = api.as(book.tokenFor("page-fuzz@lodestar.test", Role.CSM, TokenScope.READ)).get("/api/me").json();
        ids.put("userId", me.get("user").get("id").asString());
        ids.put("tokenId", me.get("token").get("id").asString());
        assertThat(browser.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD)).isEqualTo("/");
    }

    @AfterEach
    void empty() {
        book.empty();
    }

    @Test
    void everyPageAndFormSurvivesBadParameters() {
        int handlers = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            Class<?> type = handler.getBeanType();
            if (!type.getPackageName().startsWith("org.lodestar")
                    || AnnotatedElementUtils.hasAnnotation(type, RestController.class)
                    || !AnnotatedElementUtils.hasAnnotation(type, Controller.class)) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                for (RequestMethod method : methods(entry.getKey())) {
                    handlers++;
                    fuzz(method.name(), pattern, handler);
                }
            }
        }
        assertThat(handlers).as("page and form handlers").isGreaterThan(20);
        assertThat(failures).as("seed " + SEED + ", " + sent + " requests").isEmpty();
    }

    private void fuzz(String method, String pattern, HandlerMethod handler) {
        Map<String, String> base = new LinkedHashMap<>();
        for (Parameter parameter : handler.getMethod().getParameters()) {
            RequestParam param = parameter.getAnnotation(RequestParam.class);
            if (param != null && !Map.class.isAssignableFrom(parameter.getType())) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : parameter.getName();
                base.put(name, example(parameter.getType()));
            }
            // A form bound to a record: each of its components is a field the browser sends.
            if (parameter.isAnnotationPresent(ModelAttribute.class) && parameter.getType().isRecord()) {
                for (RecordComponent field : parameter.getType().getRecordComponents()) {
                    base.put(field.getName(), example(field.getType()));
                }
            }
        }
        String path = pattern;
        for (String variable : variables(pattern)) {
            path = path.replace("{" + variable + "}", ids.getOrDefault(variable, "987654321"));
        }
        check(method, path, base, method + " " + pattern);
        for (String name : base.keySet()) {
            String target = path;
            qt().withFixedSeed(SEED ^ (pattern + name).hashCode()).withExamples(TRIES).forAll(Generate.pick(BAD))
                    .checkAssert(bad -> {
                        Map<String, String> params = new LinkedHashMap<>(base);
                        params.put(name, bad);
                        check(method, target, params, method + " " + pattern + " " + name + "=" + shown(bad));
                    });
        }
        for (String variable : variables(pattern)) {
            qt().withFixedSeed(SEED ^ (pattern + variable).hashCode()).withExamples(TRIES).forAll(Generate.pick(BAD))
                    .checkAssert(bad -> check(method, pattern.replace("{" + variable + "}",
                            URLEncoder.encode(bad.isEmpty() ? "x" : bad, StandardCharsets.UTF_8).replace("+", "%20"))
                            .replaceAll("\\{[^}]+}", "987654321"), base, method + " " + pattern + " {" + variable
                                    + "}=" + shown(bad)));
        }
    }

    private void check(String method, String path, Map<String, String> params, String what) {
        HttpResponse<String> answer = browser.send(method, path, params);
        sent++;
        if (answer.statusCode() >= 500) {
            failures.add(what + ": " + answer.statusCode());
        }
        if (answer.body().contains("Exception") || answer.body().contains("at org.")) {
            failures.add(what + ": the page shows internals");
        }
    }

    private static List<RequestMethod> methods(RequestMappingInfo info) {
        var declared = info.getMethodsCondition().getMethods();
        return declared.isEmpty() ? List.of(RequestMethod.GET) : declared.stream()
                .filter(m -> m == RequestMethod.GET || m == RequestMethod.POST).toList();
    }

    private static List<String> variables(String pattern) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String example(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "1";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        if (type == LocalDate.class) {
            return "2026-01-01";
        }
        if (type.isEnum()) {
            return Labels.of((Enum<?>) type.getEnumConstants()[0]);
        }
        return "Fuzz";
    }

    private static String shown(String bad) {
        String flat = bad.replace("\u0000", "\\0");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
