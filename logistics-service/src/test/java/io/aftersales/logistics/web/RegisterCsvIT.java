package io.aftersales.logistics.web;

import io.aftersales.logistics.LogisticsServiceIT;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registers as a spreadsheet reads them: parsed with commons-csv, a header row, one row per claim or courier. */
class RegisterCsvIT extends LogisticsServiceIT {

    @Test
    void the_compensation_register_is_one_csv_row_per_claim_filed_in_the_month_with_quotes_where_needed() throws Exception {
        String month = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);
        String paid = (String) openClaim("LOST").get("id");
        act(paid, "filing", Map.of("courier", "ZTO", "claimNumber", "ZTO-CL-1", "amountClaimed", cny("259.00")));
        act(paid, "acceptance", Map.of("amountAccepted", cny("240.00")));
        act(paid, "compensation", Map.of("amountReceived", cny("240.00")));
        String tricky = (String) openClaim("DAMAGED").get("id");
        act(tricky, "filing", Map.of("courier", "ZTO", "claimNumber", "ZC-2, \"urgent\"", "amountClaimed", cny("99.50")));
        String otherCourier = (String) openClaim("LOST").get("id");
        act(otherCourier, "filing", Map.of("courier", "SF", "claimNumber", "SF-9", "amountClaimed", cny("10.00")));

        String csv = logistics.get().uri("/api/v1/registers/compensation?month={m}&courier=ZTO", month)
                .accept(new MediaType("text", "csv")).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        List<CSVRecord> rows = parse(csv);
        assertThat(rows).hasSize(2);
        CSVRecord first = rows.get(0);
        assertThat(first.get("product")).isEqualTo("JK2611-RED-M");
        assertThat(first.get("amountClaimed")).isEqualTo("259.00");
        assertThat(first.get("amountAccepted")).isEqualTo("240.00");
        assertThat(first.get("amountReceived")).isEqualTo("240.00");
        assertThat(first.get("courier")).isEqualTo("ZTO");
        assertThat(first.get("claimNumber")).isEqualTo("ZTO-CL-1");
        assertThat(first.get("month")).isEqualTo(month);
        assertThat(rows.get(1).get("claimNumber")).isEqualTo("ZC-2, \"urgent\"");
        assertThat(rows.get(1).get("amountAccepted")).isEmpty();

        String reconciliation = logistics.get().uri("/api/v1/registers/reconciliation?month={m}&format=csv", month)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<CSVRecord> couriers = parse(reconciliation);
        assertThat(couriers).extracting(r -> r.get("courier") + " " + r.get("claimed") + " " + r.get("accepted") + " "
                        + r.get("received") + " " + r.get("outstanding"))
                .containsExactly("SF 10.00 0 0 10.00", "ZTO 358.50 240.00 240.00 99.50");
        assertThat(couriers.get(1).get("oldestOpen")).isNotEmpty();
    }

    @Test
    void a_month_that_is_not_a_month_is_a_400_naming_the_field() {
        logistics.get().uri("/api/v1/registers/compensation?month=2026-13").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("month");
        logistics.get().uri("/api/v1/registers/reconciliation?month=2026-11&format=xml").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }
}
