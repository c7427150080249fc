package io.aftersales.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each service's OpenAPI document ({@code /v3/api-docs}) with the bearer scheme, and for every
 * operation the roles of its {@code @PreAuthorize}, so the document cannot drift from the code.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class OpenApiConfiguration {

    private static final String BEARER = "bearer-jwt";
    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    @Bean
    OpenAPI serviceApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info().title(service).version("v1")
                        .description("Bearer JWT naming the user, roles and stores (by default the claims sub, roles and stores);"
                                + " see docs/security.md."))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer rolesFromPreAuthorize() {
        return (operation, handlerMethod) -> {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(), PreAuthorize.class);
            if (rule == null) {
                // a controller may state its roles once for all its endpoints, as Spring Security allows
                rule = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), PreAuthorize.class);
            }
            if (rule == null) {
                return operation;
            }
            List<String> roles = new ArrayList<>();
            Matcher matcher = ROLE.matcher(rule.value());
            while (matcher.find()) {
                roles.add(matcher.group(1));
            }
            String allowed = "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null ? allowed : operation.getDescription() + "\n\n" + allowed);
            operation.addExtension("x-roles", roles);
            return operation;
        };
    }
}
