package io.aftersales.logistics.command;

import io.aftersales.logistics.api.AddressProblemResolved;
import io.aftersales.logistics.api.AddressResolution;
import io.aftersales.logistics.api.ClaimAccepted;
import io.aftersales.logistics.api.ClaimCompensated;
import io.aftersales.logistics.api.ClaimEscalated;
import io.aftersales.logistics.api.ClaimFiled;
import io.aftersales.logistics.api.ClaimKind;
import io.aftersales.logistics.api.ClaimOpened;
import io.aftersales.logistics.api.ClaimRejected;
import io.aftersales.logistics.api.ClaimRuleViolation;
import io.aftersales.logistics.api.ClaimRules;
import io.aftersales.logistics.api.ClaimStateConflict;
import io.aftersales.logistics.api.ClaimStatus;
import io.aftersales.logistics.api.ClaimWrittenOff;
import io.aftersales.logistics.api.EscalateClaim;
import io.aftersales.logistics.api.FileClaim;
import io.aftersales.logistics.api.Money;
import io.aftersales.logistics.api.OpenClaim;
import io.aftersales.logistics.api.OrderReshipment;
import io.aftersales.logistics.api.RecordAcceptance;
import io.aftersales.logistics.api.RecordCompensation;
import io.aftersales.logistics.api.RecordRejection;
import io.aftersales.logistics.api.RecordReshipmentShipped;
import io.aftersales.logistics.api.RecordWeighing;
import io.aftersales.logistics.api.RegisterWrongShipment;
import io.aftersales.logistics.api.ReshipmentLinked;
import io.aftersales.logistics.api.ReshipmentOrdered;
import io.aftersales.logistics.api.ReshipmentReason;
import io.aftersales.logistics.api.ReshipmentShipped;
import io.aftersales.logistics.api.ResolveAddress;
import io.aftersales.logistics.api.StockHold;
import io.aftersales.logistics.api.Warehouse;
import io.aftersales.logistics.api.WeighingRecorded;
import io.aftersales.logistics.api.WriteOffClaim;
import io.aftersales.logistics.api.WrongShipmentRegistered;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of lifecycle.md §3, allowed and refused. */
class ClaimLifecycleTest {

    static final String CLAIM = "claim-ticket-1";
    static final String TICKET = "ticket-1";
    static final String STORE = "tmall-flagship";
    static final String ORDER = "order-1";
    static final String SKU = "JK2611-RED-M";
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private final List<Warehouse.StockHoldRequest> holds = new ArrayList<>();
    private StockHold answer = StockHold.HELD;
    private AggregateTestFixture<Claim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Claim.class);
        fixture.registerInjectableResource((Warehouse) request -> {
            holds.add(request);
            return new Warehouse.StockHoldResult("hold-" + holds.size(), answer);
        });
        fixture.registerInjectableResource(new ClaimRules(50));
    }

    // --- opening: reship first

    @Test
    void a_lost_parcel_opens_a_claim_and_orders_the_replacement_with_its_stock_held_at_once() {
        fixture.givenNoPriorActivity()
                .when(open(ClaimKind.LOST))
                .expectEvents(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.RESHIPMENT_ORDERED));
        assertThat(holds).containsExactly(new Warehouse.StockHoldRequest(CLAIM + "-reshipment-1", STORE, ORDER, SKU, 1,
                ReshipmentReason.RESHIPMENT));
    }

    @Test
    void a_replacement_out_of_stock_is_recorded_as_such_and_cannot_ship() {
        answer = StockHold.OUT_OF_STOCK;
        fixture.givenNoPriorActivity()
                .when(open(ClaimKind.DAMAGED))
                .expectEvents(opened(ClaimKind.DAMAGED), ordered(1, null, StockHold.OUT_OF_STOCK, "hold-1"));
        fixture.given(opened(ClaimKind.DAMAGED), ordered(1, null, StockHold.OUT_OF_STOCK, "hold-1"))
                .when(new RecordReshipmentShipped(CLAIM, "SF", "SF100", "wh-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
    }

    @Test
    void an_address_problem_opens_without_a_reshipment() {
        fixture.givenNoPriorActivity()
                .when(open(ClaimKind.ADDRESS_UNREACHABLE))
                .expectEvents(opened(ClaimKind.ADDRESS_UNREACHABLE));
        assertThat(holds).isEmpty();
    }

    @Test
    void a_delayed_parcel_opens_without_a_reshipment() {
        fixture.givenNoPriorActivity().when(open(ClaimKind.DELAYED)).expectEvents(opened(ClaimKind.DELAYED));
    }

    @Test
    void a_claim_without_a_kind_or_with_a_bad_courier_or_no_quantity_is_refused() {
        fixture.givenNoPriorActivity().when(new OpenClaim(CLAIM, TICKET, STORE, ORDER, SKU, 1, null, "ZTO", "78", "lg-1", NOW))
                .expectException(field("kind")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new OpenClaim(CLAIM, TICKET, STORE, ORDER, SKU, 1, ClaimKind.LOST, "zto!", "78", "lg-1", NOW))
                .expectException(field("courier")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new OpenClaim(CLAIM, TICKET, STORE, ORDER, SKU, 0, ClaimKind.LOST, "ZTO", "78", "lg-1", NOW))
                .expectException(field("quantity")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new OpenClaim(CLAIM, TICKET, " ", ORDER, SKU, 1, ClaimKind.LOST, "ZTO", "78", "lg-1", NOW))
                .expectException(field("storeId")).expectNoEvents();
    }

    @Test
    void a_warehouse_that_cannot_be_reached_leaves_no_claim_behind() {
        fixture = new AggregateTestFixture<>(Claim.class);
        fixture.registerInjectableResource((Warehouse) request -> {
            throw new IllegalStateException("warehouse unreachable");
        });
        fixture.registerInjectableResource(ClaimRules.DEFAULTS);
        fixture.givenNoPriorActivity().when(open(ClaimKind.LOST))
                .expectException(IllegalStateException.class).expectNoEvents();
    }

    // --- the agreed resolution

    @Test
    void the_first_agreed_reshipment_takes_over_the_replacement_already_ordered_and_nothing_ships_twice() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new OrderReshipment(CLAIM, 1, ReshipmentReason.RESHIPMENT, SKU, 1, "system", NOW))
                .expectEvents(new ReshipmentLinked(CLAIM, STORE, 1, 1, "system", NOW));
        assertThat(holds).isEmpty();
    }

    @Test
    void the_same_agreed_resolution_again_changes_nothing() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"),
                        new ReshipmentLinked(CLAIM, STORE, 1, 1, "system", NOW))
                .when(new OrderReshipment(CLAIM, 1, ReshipmentReason.RESHIPMENT, SKU, 1, "system", NOW))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_later_agreed_exchange_orders_another_replacement_with_its_own_hold() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"),
                        new ReshipmentLinked(CLAIM, STORE, 1, 1, "system", NOW))
                .when(new OrderReshipment(CLAIM, 2, ReshipmentReason.EXCHANGE, "JK2611-RED-L", 1, "system", NOW))
                .expectEvents(new ReshipmentOrdered(CLAIM, TICKET, STORE, ORDER, 2, 2, ReshipmentReason.EXCHANGE,
                        "JK2611-RED-L", 1, "hold-1", StockHold.HELD, "system", NOW));
        assertThat(holds.get(0).requestNo()).isEqualTo(CLAIM + "-reshipment-2");
    }

    @Test
    void a_closed_claim_orders_no_reshipment() {
        fixture.given(compensatedClaim())
                .when(new OrderReshipment(CLAIM, 3, ReshipmentReason.RESHIPMENT, SKU, 1, "system", NOW))
                .expectException(conflict(ClaimStatus.COMPENSATED)).expectNoEvents();
    }

    // --- shipping

    @Test
    void the_warehouse_records_the_replacement_shipped_with_its_courier_and_tracking_number() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"),
                        new ReshipmentLinked(CLAIM, STORE, 1, 1, "system", NOW))
                .when(new RecordReshipmentShipped(CLAIM, "SF", "SF1428375920144", "wh-1", NOW, null))
                .expectEvents(new ReshipmentShipped(CLAIM, TICKET, STORE, 1, 1, SKU, "SF", "SF1428375920144", "wh-1", NOW));
    }

    @Test
    void a_replacement_ships_once() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"), shipped())
                .when(new RecordReshipmentShipped(CLAIM, "SF", "SF2", "wh-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
    }

    @Test
    void shipping_without_a_tracking_number_is_refused() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordReshipmentShipped(CLAIM, "SF", " ", "wh-1", NOW, null))
                .expectException(field("trackingNumber")).expectNoEvents();
    }

    @Test
    void an_action_against_an_outdated_version_is_refused() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordReshipmentShipped(CLAIM, "SF", "SF1", "wh-1", NOW, 0L))
                .expectException(ConflictingAggregateVersionException.class).expectNoEvents();
    }

    // --- weigh check

    @Test
    void a_short_parcel_lighter_than_its_waybill_beyond_the_tolerance_is_the_couriers_fault_and_can_be_filed() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordWeighing(CLAIM, 1200, 700, "wh-1", NOW, null))
                .expectEvents(new WeighingRecorded(CLAIM, STORE, 1200, 700, 50, true, "wh-1", NOW))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.RESHIPMENT_ORDERED));
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"),
                        new WeighingRecorded(CLAIM, STORE, 1200, 700, 50, true, "wh-1", NOW))
                .when(file())
                .expectEvents(filed(ClaimKind.SHORT_DELIVERY));
    }

    @Test
    void a_short_parcel_weighing_what_its_waybill_says_within_the_tolerance_is_a_warehouse_error() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordWeighing(CLAIM, 1200, 1160, "wh-1", NOW, null))
                .expectEvents(new WeighingRecorded(CLAIM, STORE, 1200, 1160, 50, false, "wh-1", NOW))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.WAREHOUSE_ERROR));
    }

    @Test
    void the_tolerance_is_configurable() {
        fixture.registerInjectableResource(new ClaimRules(10));
        fixture = new AggregateTestFixture<>(Claim.class);
        fixture.registerInjectableResource((Warehouse) request -> new Warehouse.StockHoldResult("h", StockHold.HELD));
        fixture.registerInjectableResource(new ClaimRules(10));
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordWeighing(CLAIM, 1200, 1160, "wh-1", NOW, null))
                .expectEvents(new WeighingRecorded(CLAIM, STORE, 1200, 1160, 10, true, "wh-1", NOW));
    }

    @Test
    void a_short_delivery_is_not_filed_before_the_weigh_check_nor_after_one_that_found_no_discrepancy() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(file()).expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"), noDiscrepancy())
                .when(file()).expectException(conflict(ClaimStatus.WAREHOUSE_ERROR)).expectNoEvents();
    }

    @Test
    void only_a_short_delivery_is_weighed_and_only_once() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordWeighing(CLAIM, 1200, 700, "wh-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"), noDiscrepancy())
                .when(new RecordWeighing(CLAIM, 1200, 700, "wh-1", NOW, null))
                .expectException(conflict(ClaimStatus.WAREHOUSE_ERROR)).expectNoEvents();
    }

    @Test
    void a_weight_of_zero_is_refused() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordWeighing(CLAIM, 0, 700, "wh-1", NOW, null))
                .expectException(field("slipWeightGrams")).expectNoEvents();
    }

    @Test
    void a_warehouse_error_goes_to_the_wrong_shipment_register_with_what_was_sent_and_the_claim_ends() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"), noDiscrepancy())
                .when(new RegisterWrongShipment(CLAIM, "JK2611-BLUE-M", 1, "WH-HZ-01", "wh-1", NOW, null))
                .expectEvents(new WrongShipmentRegistered(CLAIM, TICKET, STORE, ORDER, SKU, "JK2611-BLUE-M", 1,
                        "WH-HZ-01", "wh-1", NOW))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.WRONG_SHIPMENT_REGISTERED));
    }

    @Test
    void a_wrong_shipment_is_registered_only_after_a_weigh_check_without_discrepancy_and_names_its_warehouse() {
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RegisterWrongShipment(CLAIM, "JK2611-BLUE-M", 1, "WH-HZ-01", "wh-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
        fixture.given(opened(ClaimKind.SHORT_DELIVERY), ordered(1, null, StockHold.HELD, "hold-1"), noDiscrepancy())
                .when(new RegisterWrongShipment(CLAIM, "JK2611-BLUE-M", 1, " ", "wh-1", NOW, null))
                .expectException(field("warehouse")).expectNoEvents();
    }

    // --- address problems

    @Test
    void an_unreachable_address_is_forwarded_by_ems_with_a_remark_on_the_order_and_nothing_is_reshipped() {
        fixture.given(opened(ClaimKind.ADDRESS_UNREACHABLE))
                .when(new ResolveAddress(CLAIM, AddressResolution.FORWARD_BY_EMS, "forwarded by EMS to the new address",
                        "lg-1", NOW, null))
                .expectEvents(new AddressProblemResolved(CLAIM, STORE, ORDER, AddressResolution.FORWARD_BY_EMS,
                        "forwarded by EMS to the new address", "lg-1", NOW));
        assertThat(holds).isEmpty();
    }

    @Test
    void a_wrong_address_returned_and_reshipped_orders_the_replacement_with_its_stock_held() {
        fixture.given(opened(ClaimKind.WRONG_ADDRESS))
                .when(new ResolveAddress(CLAIM, AddressResolution.RETURN_AND_RESHIP, "returned, reshipped", "lg-1", NOW, null))
                .expectEvents(new AddressProblemResolved(CLAIM, STORE, ORDER, AddressResolution.RETURN_AND_RESHIP,
                                "returned, reshipped", "lg-1", NOW),
                        new ReshipmentOrdered(CLAIM, TICKET, STORE, ORDER, 1, null, ReshipmentReason.RESHIPMENT, SKU, 1,
                                "hold-1", StockHold.HELD, "lg-1", NOW));
    }

    @Test
    void an_address_decision_needs_a_remark_and_is_taken_once_and_only_for_address_problems() {
        fixture.given(opened(ClaimKind.WRONG_ADDRESS))
                .when(new ResolveAddress(CLAIM, AddressResolution.FORWARD_BY_EMS, " ", "lg-1", NOW, null))
                .expectException(field("remark")).expectNoEvents();
        fixture.given(opened(ClaimKind.WRONG_ADDRESS), new AddressProblemResolved(CLAIM, STORE, ORDER,
                        AddressResolution.FORWARD_BY_EMS, "ems", "lg-1", NOW))
                .when(new ResolveAddress(CLAIM, AddressResolution.FORWARD_BY_EMS, "again", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.OPENED)).expectNoEvents();
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new ResolveAddress(CLAIM, AddressResolution.FORWARD_BY_EMS, "ems", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
    }

    @Test
    void an_address_problem_is_filed_only_after_the_decision() {
        fixture.given(opened(ClaimKind.WRONG_ADDRESS)).when(file())
                .expectException(conflict(ClaimStatus.OPENED)).expectNoEvents();
        fixture.given(opened(ClaimKind.WRONG_ADDRESS), new AddressProblemResolved(CLAIM, STORE, ORDER,
                        AddressResolution.FORWARD_BY_EMS, "ems", "lg-1", NOW))
                .when(file()).expectEvents(filed(ClaimKind.WRONG_ADDRESS));
    }

    // --- with the courier

    @Test
    void a_lost_parcel_is_filed_with_the_courier_once_its_replacement_is_ordered() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(file()).expectEvents(filed(ClaimKind.LOST))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.FILED));
    }

    @Test
    void a_reship_first_claim_without_its_replacement_ordered_is_not_filed() {
        fixture.given(opened(ClaimKind.LOST)).when(file()).expectException(conflict(ClaimStatus.OPENED)).expectNoEvents();
    }

    @Test
    void a_claim_is_filed_once() {
        fixture.given(filedClaim()).when(file()).expectException(conflict(ClaimStatus.FILED)).expectNoEvents();
    }

    @Test
    void filing_needs_a_claim_number_and_a_positive_amount() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new FileClaim(CLAIM, "ZTO", "", Money.cny("259.00"), "lg-1", NOW, null))
                .expectException(field("claimNumber")).expectNoEvents();
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new FileClaim(CLAIM, "ZTO", "ZC-1", Money.cny("-1"), "lg-1", NOW, null))
                .expectException(field("amountClaimed")).expectNoEvents();
    }

    @Test
    void the_courier_accepts_up_to_the_amount_claimed() {
        fixture.given(filedClaim()).when(new RecordAcceptance(CLAIM, Money.cny("200.00"), "lg-1", NOW, null))
                .expectEvents(new ClaimAccepted(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("200.00"), "lg-1", NOW));
        fixture.given(filedClaim()).when(new RecordAcceptance(CLAIM, Money.cny("300.00"), "lg-1", NOW, null))
                .expectException(field("amountAccepted")).expectNoEvents();
    }

    @Test
    void a_claim_not_filed_cannot_be_accepted_or_rejected() {
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordAcceptance(CLAIM, Money.cny("200.00"), "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
        fixture.given(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"))
                .when(new RecordRejection(CLAIM, "no proof", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.RESHIPMENT_ORDERED)).expectNoEvents();
    }

    @Test
    void the_courier_rejects_with_a_reason() {
        fixture.given(filedClaim()).when(new RecordRejection(CLAIM, "signed without remark", "lg-1", NOW, null))
                .expectEvents(rejected());
        fixture.given(filedClaim()).when(new RecordRejection(CLAIM, "", "lg-1", NOW, null))
                .expectException(field("reason")).expectNoEvents();
    }

    @Test
    void a_rejected_claim_is_escalated_and_may_then_be_accepted() {
        fixture.given(filedClaim()).andGiven(rejected())
                .when(new EscalateClaim(CLAIM, "to the ZTO regional manager", "lg-1", NOW, null))
                .expectEvents(new ClaimEscalated(CLAIM, STORE, "to the ZTO regional manager", "lg-1", NOW));
        fixture.given(filedClaim()).andGiven(rejected(), escalated())
                .when(new RecordAcceptance(CLAIM, Money.cny("259.00"), "lg-1", NOW, null))
                .expectEvents(new ClaimAccepted(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("259.00"), "lg-1", NOW));
    }

    @Test
    void only_a_rejected_claim_is_escalated() {
        fixture.given(filedClaim()).when(new EscalateClaim(CLAIM, "why", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.FILED)).expectNoEvents();
    }

    @Test
    void a_rejected_or_escalated_claim_is_written_off_with_the_amount_claimed() {
        fixture.given(filedClaim()).andGiven(rejected())
                .when(new WriteOffClaim(CLAIM, "below the effort", "lg-1", NOW, null))
                .expectEvents(writtenOff());
        fixture.given(filedClaim()).andGiven(rejected(), escalated())
                .when(new WriteOffClaim(CLAIM, "below the effort", "lg-1", NOW, null))
                .expectEvents(writtenOff());
    }

    @Test
    void a_filed_or_accepted_claim_is_not_written_off() {
        fixture.given(filedClaim()).when(new WriteOffClaim(CLAIM, "x", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.FILED)).expectNoEvents();
        fixture.given(filedClaim()).andGiven(accepted("200.00")).when(new WriteOffClaim(CLAIM, "x", "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.ACCEPTED)).expectNoEvents();
    }

    @Test
    void an_accepted_claim_is_compensated_with_the_amount_received() {
        fixture.given(filedClaim()).andGiven(accepted("200.00"))
                .when(new RecordCompensation(CLAIM, Money.cny("200.00"), null, "lg-1", NOW, null))
                .expectEvents(new ClaimCompensated(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("200.00"), null,
                        "lg-1", NOW))
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.COMPENSATED));
    }

    @Test
    void more_received_than_accepted_needs_a_note() {
        fixture.given(filedClaim()).andGiven(accepted("200.00"))
                .when(new RecordCompensation(CLAIM, Money.cny("210.00"), " ", "lg-1", NOW, null))
                .expectException(field("note")).expectNoEvents();
        fixture.given(filedClaim()).andGiven(accepted("200.00"))
                .when(new RecordCompensation(CLAIM, Money.cny("210.00"), "postage refunded too", "lg-1", NOW, null))
                .expectEvents(new ClaimCompensated(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("210.00"),
                        "postage refunded too", "lg-1", NOW));
    }

    @Test
    void a_claim_not_accepted_or_already_paid_is_not_compensated() {
        fixture.given(filedClaim()).when(new RecordCompensation(CLAIM, Money.cny("10.00"), null, "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.FILED)).expectNoEvents();
        fixture.given(compensatedClaim()).when(new RecordCompensation(CLAIM, Money.cny("10.00"), null, "lg-1", NOW, null))
                .expectException(conflict(ClaimStatus.COMPENSATED)).expectNoEvents();
    }

    @Test
    void an_amount_in_another_currency_than_claimed_is_refused() {
        fixture.given(filedClaim())
                .when(new RecordAcceptance(CLAIM, new Money(new java.math.BigDecimal("10.00"), "USD"), "lg-1", NOW, null))
                .expectException(field("amountAccepted")).expectNoEvents();
    }

    // --- fixtures

    static OpenClaim open(ClaimKind kind) {
        return new OpenClaim(CLAIM, TICKET, STORE, ORDER, SKU, 1, kind, "ZTO", "78391045528361", "system", NOW);
    }

    static ClaimOpened opened(ClaimKind kind) {
        return new ClaimOpened(CLAIM, TICKET, STORE, ORDER, SKU, 1, kind, "ZTO", "78391045528361", "system", NOW);
    }

    static ReshipmentOrdered ordered(int number, Integer resolution, StockHold stock, String holdId) {
        return new ReshipmentOrdered(CLAIM, TICKET, STORE, ORDER, number, resolution, ReshipmentReason.RESHIPMENT, SKU,
                1, holdId, stock, "system", NOW);
    }

    static ReshipmentShipped shipped() {
        return new ReshipmentShipped(CLAIM, TICKET, STORE, 1, null, SKU, "SF", "SF1", "wh-1", NOW);
    }

    static WeighingRecorded noDiscrepancy() {
        return new WeighingRecorded(CLAIM, STORE, 1200, 1180, 50, false, "wh-1", NOW);
    }

    static FileClaim file() {
        return new FileClaim(CLAIM, "ZTO", "ZC-1", Money.cny("259.00"), "lg-1", NOW, null);
    }

    static ClaimFiled filed(ClaimKind kind) {
        return new ClaimFiled(CLAIM, TICKET, STORE, SKU, "ZTO", "ZC-1", Money.cny("259.00"), "lg-1", NOW);
    }

    static List<Object> filedClaim() {
        return List.of(opened(ClaimKind.LOST), ordered(1, null, StockHold.HELD, "hold-1"), filed(ClaimKind.LOST));
    }

    static ClaimAccepted accepted(String amount) {
        return new ClaimAccepted(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny(amount), "lg-1", NOW);
    }

    static ClaimRejected rejected() {
        return new ClaimRejected(CLAIM, TICKET, STORE, "ZTO", "ZC-1", "signed without remark", "lg-1", NOW);
    }

    static ClaimEscalated escalated() {
        return new ClaimEscalated(CLAIM, STORE, "to the ZTO regional manager", "lg-1", NOW);
    }

    static ClaimWrittenOff writtenOff() {
        return new ClaimWrittenOff(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("259.00"), "below the effort", "lg-1", NOW);
    }

    static List<Object> compensatedClaim() {
        List<Object> events = new ArrayList<>(filedClaim());
        events.add(accepted("200.00"));
        events.add(new ClaimCompensated(CLAIM, TICKET, STORE, "ZTO", "ZC-1", Money.cny("200.00"), null, "lg-1", NOW));
        return events;
    }

    static Matcher<?> field(String name) {
        return Matchers.predicate(e -> e instanceof ClaimRuleViolation v && name.equals(v.field()));
    }

    @SuppressWarnings("unchecked")
    static Matcher<?> conflict(ClaimStatus status) {
        return Matchers.predicate(e -> e instanceof ClaimStateConflict c && c.status() == status);
    }
}
