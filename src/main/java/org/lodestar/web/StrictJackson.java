package org.lodestar.web;

import java.time.Instant;

import org.lodestar.infrastructure.StrictValues;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Jackson itself refuses to coerce, behind {@link StrictJsonBodies}: no "12" for a number, no 1.5 for
 * a whole number, no number or boolean for a string. Whatever binds JSON in Lodestar binds it strictly.
 */
@Configuration
class StrictJackson {

    @Bean
    JsonMapperBuilderCustomizer strictCoercion() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, flags -> flags
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.DateTime, times -> times
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                // Jackson's own Instant reader takes epoch numbers whatever the coercion rules say.
                .addModule(new SimpleModule("lodestar-strict-instants").addDeserializer(Instant.class, new IsoInstants()));
    }

    /** An instant only as an ISO-8601 string with its offset, in the years 1 to 9999. */
    private static final class IsoInstants extends StdDeserializer<Instant> {
        IsoInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            try {
                return StrictValues.timestamp(text);
            } catch (IllegalArgumentException e) {
                throw context.weirdStringException(text, Instant.class, e.getMessage());
            }
        }
    }
}
