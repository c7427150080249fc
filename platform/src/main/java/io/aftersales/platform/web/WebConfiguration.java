package io.aftersales.platform.web;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.math.BigDecimal;

@AutoConfiguration(after = ValidationAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ProblemDetailsAdvice.class)
public class WebConfiguration {

    /** Amounts leave the API as decimal strings ("259.00"), as in the published events: no float rounding. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer decimalsAsStrings() {
        return builder -> builder.postConfigurer(mapper -> mapper.registerModule(
                new SimpleModule("decimals-as-strings").addSerializer(BigDecimal.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeString(value.toPlainString());
                    }
                })));
    }

    @Bean
    public RequestSizeLimitFilter requestSizeLimitFilter(@Value("${aftersales.web.max-request-size:256KB}") DataSize maxSize,
                                                         ObjectMapper objectMapper) {
        return new RequestSizeLimitFilter(maxSize, objectMapper);
    }

    @Bean
    public RequestValidator requestValidator(Validator validator) {
        return new RequestValidator(validator);
    }
}
