package org.lodestar.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.StrictValues;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Before a JSON body is bound, checks it against its record with {@link BodyShape} and answers 400
 * with every bad field when it does not fit. A body that is not JSON at all is left to the converter,
 * whose message says where the JSON breaks.
 */
@ControllerAdvice
class StrictJsonBodies extends RequestBodyAdviceAdapter {

    private final JsonMapper json;

    StrictJsonBodies(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body;
        try {
            body = message.getBody().readAllBytes();
        } catch (IOException e) {
            throw new HttpMessageNotReadableException("The request body could not be read", e, message);
        }
        if (body.length > 0) {
            JsonNode tree = null;
            try {
                tree = StrictValues.readTree(json, body);
            } catch (JacksonException e) {
                // Not JSON: the converter reads it again and says where it breaks.
            }
            if (tree != null && !tree.isMissingNode()) {
                List<InvalidInput.Problem> problems = BodyShape.problems(json, tree, targetType);
                if (!problems.isEmpty()) {
                    throw new InvalidInput(problems);
                }
            }
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }
}
