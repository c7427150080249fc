package io.aftersales.feedback.query;

import io.aftersales.platform.web.PageInfo;

import com.mongodb.client.MongoDatabase;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.FindAlerts;
import io.aftersales.feedback.api.FindDelisting;
import io.aftersales.feedback.api.FindDelistings;
import io.aftersales.feedback.api.FindProductQuality;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.DefectReport;
import io.aftersales.testing.InMemoryMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models, fed by calling the projection's handlers directly (on an in-memory MongoDB server). */
class QualityProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-12T08:00:00Z");
    private static final String PB = "JK2611/B1";

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private MongoDatabase database;
    private QualityProjection projection;
    private QualityProjection queries;

    @BeforeEach
    void freshDatabase() {
        database = MONGO.freshDatabase("projection");
        projection = new QualityProjection(database);
        queries = projection;
    }

    @Test
    void an_incident_shows_as_an_active_delisting_and_an_open_alert_with_its_evidence() {
        incidentEvents().forEach(this::handle);

        DelistingPage delistings = queries.handle(new FindDelistings("JK2611", null, null, 0, 20));
        assertThat(delistings.items()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("inc-1");
            assertThat(d.status()).isEqualTo(DelistingView.ACTIVE);
            assertThat(d.skus()).containsExactly("JK2611-NAVY-L", "JK2611-RED-M");
            assertThat(d.storeIds()).containsExactly("douyin-shop", "jd-outdoor", "tmall-flagship");
        });
        AlertPage alerts = queries.handle(new FindAlerts(null, "JK2611-NAVY-L", AlertView.OPEN, 0, 20));
        assertThat(alerts.items()).singleElement().satisfies(a -> {
            assertThat(a.reports()).isEqualTo(6);
            assertThat(a.distinctBuyers()).isEqualTo(6);
            assertThat(a.countsByDefectType()).containsExactly(Map.entry("COLOUR_FADING", 5), Map.entry("STAIN", 1));
            assertThat(a.firstReportedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(a.lastReportedAt()).isEqualTo(T0.plusSeconds(6));
        });
        assertThat(queries.countActiveDelistings()).isEqualTo(1);
        ProductQualityView product = queries.handle(new FindProductQuality("JK2611")).orElseThrow();
        assertThat(product.reports()).isEqualTo(7);
        assertThat(product.batches()).extracting(ProductQualityView.BatchCounts::batch).containsExactlyInAnyOrder("B1", null);
        assertThat(product.openIncidents()).extracting(DelistingView::id).containsExactly("inc-1");
    }

    @Test
    void relisting_marks_the_delisting_relisted_and_resolves_the_alert() {
        incidentEvents().forEach(this::handle);
        handle(new ProductRelisted(PB, "inc-1", "JK2611", "B1", "re-inspected", "qa-lin", T0.plusSeconds(99)));

        DelistingView delisting = queries.handle(new FindDelisting("inc-1")).orElseThrow();
        assertThat(delisting.status()).isEqualTo(DelistingView.RELISTED);
        assertThat(delisting.relistedBy()).isEqualTo("qa-lin");
        assertThat(delisting.note()).isEqualTo("re-inspected");
        assertThat(queries.handle(new FindAlerts("JK2611", null, AlertView.RESOLVED, 0, 20)).items()).hasSize(1);
        assertThat(queries.handle(new FindDelistings(null, null, DelistingView.ACTIVE, 0, 20)).items()).isEmpty();
        assertThat(queries.countActiveDelistings()).isZero();
    }

    @Test
    void replaying_every_event_again_changes_nothing() {
        List<Object> events = new ArrayList<>(incidentEvents());
        events.add(new ProductRelisted(PB, "inc-1", "JK2611", "B1", "re-inspected", "qa-lin", T0.plusSeconds(99)));
        events.forEach(this::handle);
        DelistingPage delistings = queries.handle(new FindDelistings(null, null, null, 0, 20));
        AlertPage alerts = queries.handle(new FindAlerts(null, null, null, 0, 20));
        ProductQualityView product = queries.handle(new FindProductQuality("JK2611")).orElseThrow();

        events.forEach(this::handle);

        assertThat(queries.handle(new FindDelistings(null, null, null, 0, 20))).isEqualTo(delistings);
        assertThat(queries.handle(new FindAlerts(null, null, null, 0, 20))).isEqualTo(alerts);
        assertThat(queries.handle(new FindProductQuality("JK2611")).orElseThrow()).isEqualTo(product);
    }

    @Test
    void a_stale_batch_after_the_relisting_in_any_order_changes_nothing() {
        List<Object> events = new ArrayList<>(incidentEvents());
        events.add(new ProductRelisted(PB, "inc-1", "JK2611", "B1", "re-inspected", "qa-lin", T0.plusSeconds(99)));
        events.forEach(this::handle);
        DelistingPage delistings = queries.handle(new FindDelistings(null, null, null, 0, 20));
        AlertPage alerts = queries.handle(new FindAlerts(null, null, null, 0, 20));
        ProductQualityView product = queries.handle(new FindProductQuality("JK2611")).orElseThrow();

        // what an instance that lost its claim still writes: the older events, newest first
        List<Object> stale = new ArrayList<>(incidentEvents());
        java.util.Collections.reverse(stale);
        stale.forEach(this::handle);

        assertThat(queries.handle(new FindDelistings(null, null, null, 0, 20))).isEqualTo(delistings);
        assertThat(queries.handle(new FindAlerts(null, null, null, 0, 20))).isEqualTo(alerts);
        assertThat(queries.handle(new FindProductQuality("JK2611")).orElseThrow()).isEqualTo(product);
        assertThat(delistings.items()).singleElement().extracting(DelistingView::status).isEqualTo(DelistingView.RELISTED);
    }

    @Test
    void a_reset_before_a_replay_rebuilds_the_same_read_models() {
        incidentEvents().forEach(this::handle);
        AlertPage before = queries.handle(new FindAlerts(null, null, null, 0, 20));

        projection.reset();
        assertThat(queries.handle(new FindAlerts(null, null, null, 0, 20)).items()).isEmpty();
        incidentEvents().forEach(this::handle);

        assertThat(queries.handle(new FindAlerts(null, null, null, 0, 20))).isEqualTo(before);
    }

    @Test
    void lists_are_newest_first_and_paged() {
        for (int i = 1; i <= 5; i++) {
            handle(new ProductDelisted("P" + i + "/B1", "inc-" + i, "P" + i, "B1", List.of("P" + i + "-S"),
                    List.of("tmall-flagship"), "default", "5 buyers", "t", T0, "system", T0.plusSeconds(i)));
        }

        DelistingPage first = queries.handle(new FindDelistings(null, null, null, 0, 2));
        DelistingPage last = queries.handle(new FindDelistings(null, null, null, 2, 2));

        assertThat(first.items()).extracting(DelistingView::id).containsExactly("inc-5", "inc-4");
        assertThat(first.page()).isEqualTo(new PageInfo(0, 2, 5, 3));
        assertThat(last.items()).extracting(DelistingView::id).containsExactly("inc-1");
        assertThat(queries.handle(new FindDelistings(null, "P3-S", null, 0, 2)).items())
                .extracting(DelistingView::id).containsExactly("inc-3");
    }

    private List<Object> incidentEvents() {
        List<Object> events = new ArrayList<>();
        List<DefectReport> evidence = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String store = i % 2 == 0 ? "jd-outdoor" : "tmall-flagship";
            events.add(counted("t" + i, "b" + i, "B1", store, "JK2611-RED-M", "COLOUR_FADING", T0.plusSeconds(i)));
            evidence.add(new DefectReport("t" + i, "b" + i, store, "JK2611-RED-M", "QUALITY", "COLOUR_FADING",
                    T0.plusSeconds(i)));
        }
        events.add(new ProductDelisted(PB, "inc-1", "JK2611", "B1", List.of("JK2611-RED-M"),
                List.of("jd-outdoor", "tmall-flagship"), "default", "5 distinct buyers", "t5", T0.plusSeconds(5),
                "system", T0.plusSeconds(10)));
        events.add(new ProductionAlertRaised(PB, "inc-1", "JK2611", "B1", "default", evidence, "system",
                T0.plusSeconds(10)));
        events.add(counted("t6", "b6", "B1", "douyin-shop", "JK2611-NAVY-L", "STAIN", T0.plusSeconds(6)));
        events.add(new DefectAddedToIncident(PB, "inc-1", "JK2611", "B1", new DefectReport("t6", "b6", "douyin-shop",
                "JK2611-NAVY-L", "QUALITY", "STAIN", T0.plusSeconds(6)), 6, 6, "system", T0.plusSeconds(11)));
        events.add(counted("t7", "b7", null, "tmall-flagship", "JK2611-RED-M", null, T0.plusSeconds(7)));
        return events;
    }

    private static DefectReportCounted counted(String ticket, String buyer, String batch, String store, String sku,
                                               String defectType, Instant at) {
        return new DefectReportCounted(batch == null ? "JK2611/~" : PB, "JK2611", batch, ticket, buyer, store, "TMALL",
                sku, "QUALITY", defectType, at, false, "system", at.plusSeconds(1));
    }

    private void handle(Object event) {
        if (event instanceof DefectReportCounted e) {
            projection.on(e);
        } else if (event instanceof ProductDelisted e) {
            projection.on(e);
        } else if (event instanceof ProductionAlertRaised e) {
            projection.on(e);
        } else if (event instanceof DefectAddedToIncident e) {
            projection.on(e);
        } else if (event instanceof ProductRelisted e) {
            projection.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }
}
