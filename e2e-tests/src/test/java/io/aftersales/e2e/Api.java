package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.launcher.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the e2e tests call the running processes: a service's API as a user does, the sandbox's listings. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    /** One call with a bearer token (and If-Match when {@code version} is given), expecting {@code expected}. */
    static JsonNode send(ServiceProcess service, String method, String path, String token, String body, Long version,
                         int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.api(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        HttpResponse<String> response = ServiceProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /** A platform sandbox listing ({@code /sandbox/v1/...}) filtered on one field. */
    static List<JsonNode> sandboxListing(String sandboxUrl, String path, String field, String value)
            throws IOException, InterruptedException {
        HttpResponse<String> response = ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(sandboxUrl + path
                + "?" + field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(response.body()).forEach(rows::add);
        return rows;
    }
}
