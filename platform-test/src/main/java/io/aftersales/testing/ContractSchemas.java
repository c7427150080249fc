package io.aftersales.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aftersales.contracts.ContractResources;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks a published payload against the event's JSON Schema in the contracts module. */
public final class ContractSchemas {

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractSchemas() {
    }

    /** The schema violations of {@code payload} for events of type {@code ceType}; empty when it conforms. */
    public static List<String> violations(String ceType, byte[] payload) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ContractResources.schema(ceType), InputFormat.JSON, CONFIG)
                .validate(new String(payload, StandardCharsets.UTF_8), InputFormat.JSON)
                .stream().map(ValidationMessage::getMessage).toList();
    }
}
