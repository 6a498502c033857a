package org.lodestar.web;

import org.lodestar.infrastructure.Labels;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters and form fields name enum constants by their labels ({@code high-touch}). */
@Configuration
class LabelConversion implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new LabelConverterFactory());
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static final class LabelConverterFactory implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> targetType) {
            return source -> source.isBlank() ? null : (T) Labels.parse((Class) targetType, source);
        }
    }
}
