package io.aftersales.feedback.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.claims.v1.ClaimOpened;
import io.aftersales.contracts.claims.v1.WrongShipmentRegistered;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.feedback.query.StockCorrections;
import io.aftersales.testing.TopicWriter;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** logistics-service's wrong-shipment register takes the SKU sent off sale for stock correction, not as a quality incident. */
class WrongShipmentConsumerIT extends FeedbackServiceIT {

    private static final String SOURCE = "/aftersales/logistics-service";

    @Autowired
    private StockCorrections stockCorrections;

    @Test
    void a_wrong_shipment_entry_delists_the_sku_sent_in_its_store_for_stock_correction_once() {
        String store = "store-" + UUID.randomUUID();
        String claimId = "claim-" + UUID.randomUUID();
        ObjectNode entry = TopicWriter.sample(WrongShipmentRegistered.TYPE);
        entry.put("claimId", claimId).put("storeId", store);
        ObjectNode opened = TopicWriter.sample(ClaimOpened.TYPE);
        opened.put("claimId", claimId).put("storeId", store);

        TopicWriter.publish(Topics.CLAIMS, claimId, ClaimOpened.TYPE, SOURCE, opened);
        TopicWriter.publish(Topics.CLAIMS, claimId, WrongShipmentRegistered.TYPE, SOURCE, entry);
        // logistics-service's relay sent it twice (a new ce_id): still one stock correction
        TopicWriter.publish(Topics.CLAIMS, claimId, WrongShipmentRegistered.TYPE, SOURCE, entry);

        await().atMost(Duration.ofSeconds(30)).until(() -> !stockCorrections.of(store, null).isEmpty());
        List<Document> corrections = stockCorrections.of(store, null);
        assertThat(corrections).singleElement().satisfies(correction -> {
            assertThat(correction.getString("sku")).isEqualTo("JK2611-RED-L");
            assertThat(correction.getString("skuExpected")).isEqualTo("JK2611-RED-M");
            assertThat(correction.getString("reason")).isEqualTo("stock correction");
            assertThat(correction.getString("warehouse")).isEqualTo("WH-HZ-01");
            assertThat(correction.getString("claimId")).isEqualTo(claimId);
        });

        // not a quality incident: no batch-defect delisting names the SKU
        web.get().uri("/api/v1/delistings?sku=JK2611-RED-L").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }
}
