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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A courier claim (快递理赔) on one order line, lifecycle.md §3: reship first (the replacement's stock is held
 * before anything is filed), then the weigh check or the address decision where the kind needs one, then the
 * claim with the courier until it is compensated or written off. The event stream is the claim's audit trail.
 */
@Aggregate
public class Claim {

    private static final int MAX_TEXT = 2000;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Set<ClaimStatus> BEFORE_FILING = EnumSet.of(ClaimStatus.OPENED, ClaimStatus.RESHIPMENT_ORDERED);

    @AggregateIdentifier
    private String claimId;
    private String ticketId;
    private String storeId;
    private String orderId;
    private String sku;
    private int quantity;
    private ClaimKind kind;
    private String courier;
    private String claimNumber;
    private ClaimStatus status;
    private Boolean discrepancy;
    private AddressResolution addressResolution;
    private Money claimed;
    private Money accepted;
    private final List<Reshipment> reshipments = new ArrayList<>();
    private final Set<Integer> resolutions = new HashSet<>();

    protected Claim() {
        // for Axon
    }

    @CommandHandler
    public Claim(OpenClaim command, Warehouse warehouse) {
        required("storeId", command.storeId());
        required("orderId", command.orderId());
        required("sku", command.sku());
        required("actor", command.actor());
        if (command.kind() == null) {
            throw new ClaimRuleViolation("kind", "must be one of " + EnumSet.allOf(ClaimKind.class));
        }
        if (command.quantity() < 1) {
            throw new ClaimRuleViolation("quantity", "must be at least 1");
        }
        if (command.courier() != null && !CODE.matcher(command.courier()).matches()) {
            throw new ClaimRuleViolation("courier", "must be a courier code such as SF or ZTO");
        }
        apply(new ClaimOpened(command.claimId(), command.ticketId(), command.storeId(), command.orderId(),
                command.sku(), command.quantity(), command.kind(), command.courier(), blankToNull(command.trackingNumber()),
                command.actor(), command.requestedAt()));
        if (command.kind().reshipFirst()) {
            // events applied in a constructor reach the handlers only once it returns: the ids are needed now
            claimId = command.claimId();
            ticketId = command.ticketId();
            storeId = command.storeId();
            orderId = command.orderId();
            orderReshipment(warehouse, null, ReshipmentReason.RESHIPMENT, command.sku(), command.quantity(), command.actor(),
                    command.requestedAt());
        }
    }

    @CommandHandler
    public void handle(OrderReshipment command, Warehouse warehouse) {
        if (resolutions.contains(command.resolutionNumber())) {
            return; // the same agreed resolution again: already ordered
        }
        if (!status.open()) {
            throw new ClaimStateConflict("reshipped", status, null);
        }
        Reshipment unlinked = reshipments.stream().filter(r -> r.resolutionNumber() == null).findFirst().orElse(null);
        if (unlinked != null) {
            apply(new ReshipmentLinked(claimId, storeId, unlinked.number(), command.resolutionNumber(), command.actor(),
                    command.requestedAt()));
            return;
        }
        String reshipSku = command.sku() == null || command.sku().isBlank() ? sku : command.sku();
        int reshipQuantity = command.quantity() < 1 ? quantity : command.quantity();
        orderReshipment(warehouse, command.resolutionNumber(), command.reason(), reshipSku, reshipQuantity,
                command.actor(), command.requestedAt());
    }

    private void orderReshipment(Warehouse warehouse, Integer resolutionNumber, ReshipmentReason reason,
                                 String reshipSku, int reshipQuantity, String actor, Instant at) {
        int number = reshipments.size() + 1;
        Warehouse.StockHoldResult hold = warehouse.hold(new Warehouse.StockHoldRequest(
                claimId + "-reshipment-" + number, storeId, orderId, reshipSku, reshipQuantity,
                reason == null ? ReshipmentReason.RESHIPMENT : reason));
        apply(new ReshipmentOrdered(claimId, ticketId, storeId, orderId, number, resolutionNumber,
                reason == null ? ReshipmentReason.RESHIPMENT : reason, reshipSku, reshipQuantity, hold.holdId(),
                hold.result(), actor, at));
    }

    @CommandHandler
    public void handle(RecordReshipmentShipped command) {
        String shippingCourier = code("courier", command.courier());
        required("trackingNumber", command.trackingNumber());
        Reshipment pending = reshipments.stream().filter(r -> !r.shipped()).findFirst()
                .orElseThrow(() -> new ClaimStateConflict("shipped", status, "no reshipment is waiting to ship"));
        if (pending.stock() == StockHold.OUT_OF_STOCK) {
            throw new ClaimStateConflict("shipped", status, "the replacement is out of stock");
        }
        apply(new ReshipmentShipped(claimId, ticketId, storeId, pending.number(), pending.resolutionNumber(), pending.sku(),
                shippingCourier, command.trackingNumber().strip(), command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordWeighing command, ClaimRules rules) {
        if (kind != ClaimKind.SHORT_DELIVERY) {
            throw new ClaimStateConflict("weighed", status, "only a short delivery is weighed, this is " + kind);
        }
        if (discrepancy != null || !BEFORE_FILING.contains(status)) {
            throw new ClaimStateConflict("weighed", status, "the weigh check is done");
        }
        if (command.slipWeightGrams() <= 0) {
            throw new ClaimRuleViolation("slipWeightGrams", "must be positive");
        }
        if (command.measuredWeightGrams() <= 0) {
            throw new ClaimRuleViolation("measuredWeightGrams", "must be positive");
        }
        boolean found = Math.abs(command.slipWeightGrams() - command.measuredWeightGrams()) > rules.weightToleranceGrams();
        apply(new WeighingRecorded(claimId, storeId, command.slipWeightGrams(), command.measuredWeightGrams(),
                rules.weightToleranceGrams(), found, command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RegisterWrongShipment command) {
        if (status != ClaimStatus.WAREHOUSE_ERROR) {
            throw new ClaimStateConflict("registered as a wrong shipment", status,
                    "only after a weigh check without discrepancy");
        }
        required("skuSent", command.skuSent());
        required("warehouse", command.warehouse());
        if (command.quantity() < 1) {
            throw new ClaimRuleViolation("quantity", "must be at least 1");
        }
        apply(new WrongShipmentRegistered(claimId, ticketId, storeId, orderId, sku, command.skuSent().strip(),
                command.quantity(), command.warehouse().strip(), command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(ResolveAddress command, Warehouse warehouse) {
        if (!kind.addressProblem()) {
            throw new ClaimStateConflict("resolved as an address problem", status, "this is " + kind);
        }
        if (addressResolution != null || status != ClaimStatus.OPENED) {
            throw new ClaimStateConflict("resolved as an address problem", status, "it is already resolved");
        }
        if (command.resolution() == null) {
            throw new ClaimRuleViolation("resolution", "must be one of " + EnumSet.allOf(AddressResolution.class));
        }
        text("remark", command.remark());
        apply(new AddressProblemResolved(claimId, storeId, orderId, command.resolution(), command.remark().strip(),
                command.actor(), command.requestedAt()));
        if (command.resolution() == AddressResolution.RETURN_AND_RESHIP) {
            orderReshipment(warehouse, null, ReshipmentReason.RESHIPMENT, sku, quantity, command.actor(),
                    command.requestedAt());
        }
    }

    @CommandHandler
    public void handle(FileClaim command) {
        if (!BEFORE_FILING.contains(status)) {
            throw new ClaimStateConflict("filed", status, null);
        }
        if (kind.reshipFirst() && reshipments.isEmpty()) {
            throw new ClaimStateConflict("filed", status, "reship first: no replacement is ordered");
        }
        if (kind == ClaimKind.SHORT_DELIVERY && !Boolean.TRUE.equals(discrepancy)) {
            throw new ClaimStateConflict("filed", status,
                    "a short delivery is filed only after a weigh check found the courier at fault");
        }
        if (kind.addressProblem() && addressResolution == null) {
            throw new ClaimStateConflict("filed", status, "decide first: forward by EMS, or return and reship");
        }
        String filedWith = code("courier", command.courier());
        required("claimNumber", command.claimNumber());
        positive("amountClaimed", command.amountClaimed());
        apply(new ClaimFiled(claimId, ticketId, storeId, sku, filedWith, command.claimNumber().strip(),
                command.amountClaimed(), command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordAcceptance command) {
        if (status != ClaimStatus.FILED && status != ClaimStatus.ESCALATED) {
            throw new ClaimStateConflict("accepted", status, null);
        }
        positive("amountAccepted", command.amountAccepted());
        sameCurrency("amountAccepted", command.amountAccepted());
        if (command.amountAccepted().amount().compareTo(claimed.amount()) > 0) {
            throw new ClaimRuleViolation("amountAccepted", "must not exceed the " + claimed.amount().toPlainString()
                    + " claimed");
        }
        apply(new ClaimAccepted(claimId, ticketId, storeId, courier, claimNumber, command.amountAccepted(), command.actor(),
                command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordRejection command) {
        if (status != ClaimStatus.FILED && status != ClaimStatus.ESCALATED) {
            throw new ClaimStateConflict("rejected", status, null);
        }
        text("reason", command.reason());
        apply(new ClaimRejected(claimId, ticketId, storeId, courier, claimNumber, command.reason().strip(), command.actor(),
                command.requestedAt()));
    }

    @CommandHandler
    public void handle(EscalateClaim command) {
        if (status != ClaimStatus.REJECTED) {
            throw new ClaimStateConflict("escalated", status, "only a rejected claim is escalated");
        }
        text("note", command.note());
        apply(new ClaimEscalated(claimId, storeId, command.note().strip(), command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(WriteOffClaim command) {
        if (status != ClaimStatus.REJECTED && status != ClaimStatus.ESCALATED) {
            throw new ClaimStateConflict("written off", status, "only a rejected or escalated claim is written off");
        }
        text("reason", command.reason());
        apply(new ClaimWrittenOff(claimId, ticketId, storeId, courier, claimNumber, claimed, command.reason().strip(),
                command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordCompensation command) {
        if (status != ClaimStatus.ACCEPTED) {
            throw new ClaimStateConflict("compensated", status, "only an accepted claim is paid");
        }
        positive("amountReceived", command.amountReceived());
        sameCurrency("amountReceived", command.amountReceived());
        String note = blankToNull(command.note());
        if (note != null && note.length() > MAX_TEXT) {
            throw new ClaimRuleViolation("note", "must be at most " + MAX_TEXT + " characters");
        }
        if (command.amountReceived().amount().compareTo(accepted.amount()) > 0 && note == null) {
            throw new ClaimRuleViolation("note", "more was received than the " + accepted.amount().toPlainString()
                    + " accepted: say why");
        }
        apply(new ClaimCompensated(claimId, ticketId, storeId, courier, claimNumber, command.amountReceived(),
                note, command.actor(), command.requestedAt()));
    }

    // --- state

    @EventSourcingHandler
    void on(ClaimOpened e) {
        claimId = e.claimId();
        ticketId = e.ticketId();
        storeId = e.storeId();
        orderId = e.orderId();
        sku = e.sku();
        quantity = e.quantity();
        kind = e.kind();
        courier = e.courier();
        status = ClaimStatus.OPENED;
    }

    @EventSourcingHandler
    void on(ReshipmentOrdered e) {
        reshipments.add(new Reshipment(e.number(), e.resolutionNumber(), e.sku(), e.stock(), false));
        if (e.resolutionNumber() != null) {
            resolutions.add(e.resolutionNumber());
        }
        if (status == ClaimStatus.OPENED) {
            status = ClaimStatus.RESHIPMENT_ORDERED;
        }
    }

    @EventSourcingHandler
    void on(ReshipmentLinked e) {
        Reshipment r = reshipments.get(e.number() - 1);
        reshipments.set(e.number() - 1, new Reshipment(r.number(), e.resolutionNumber(), r.sku(), r.stock(), r.shipped()));
        resolutions.add(e.resolutionNumber());
    }

    @EventSourcingHandler
    void on(ReshipmentShipped e) {
        Reshipment r = reshipments.get(e.number() - 1);
        reshipments.set(e.number() - 1, new Reshipment(r.number(), r.resolutionNumber(), r.sku(), r.stock(), true));
    }

    @EventSourcingHandler
    void on(WeighingRecorded e) {
        discrepancy = e.discrepancy();
        if (!e.discrepancy()) {
            status = ClaimStatus.WAREHOUSE_ERROR;
        }
    }

    @EventSourcingHandler
    void on(WrongShipmentRegistered e) {
        status = ClaimStatus.WRONG_SHIPMENT_REGISTERED;
    }

    @EventSourcingHandler
    void on(AddressProblemResolved e) {
        addressResolution = e.resolution();
    }

    @EventSourcingHandler
    void on(ClaimFiled e) {
        courier = e.courier();
        claimNumber = e.claimNumber();
        claimed = e.amountClaimed();
        status = ClaimStatus.FILED;
    }

    @EventSourcingHandler
    void on(ClaimAccepted e) {
        accepted = e.amountAccepted();
        status = ClaimStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(ClaimRejected e) {
        status = ClaimStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ClaimEscalated e) {
        status = ClaimStatus.ESCALATED;
    }

    @EventSourcingHandler
    void on(ClaimWrittenOff e) {
        status = ClaimStatus.WRITTEN_OFF;
    }

    @EventSourcingHandler
    void on(ClaimCompensated e) {
        status = ClaimStatus.COMPENSATED;
    }

    ClaimStatus status() {
        return status;
    }

    // --- rules on input

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ClaimRuleViolation(field, "is required");
        }
        if (value.length() > 128) {
            throw new ClaimRuleViolation(field, "must be at most 128 characters");
        }
    }

    private static void text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ClaimRuleViolation(field, "must not be blank");
        }
        if (value.length() > MAX_TEXT) {
            throw new ClaimRuleViolation(field, "must be at most " + MAX_TEXT + " characters");
        }
    }

    private static String code(String field, String value) {
        if (value == null || !CODE.matcher(value.strip()).matches()) {
            throw new ClaimRuleViolation(field, "must be a courier code such as SF or ZTO");
        }
        return value.strip();
    }

    private static void positive(String field, Money money) {
        if (money == null || money.amount() == null || money.amount().signum() <= 0) {
            throw new ClaimRuleViolation(field, "must be a positive amount");
        }
        if (money.amount().scale() > 2 || money.amount().compareTo(new BigDecimal("1000000")) > 0) {
            throw new ClaimRuleViolation(field, "must have at most 2 decimals and be at most 1000000");
        }
        if (money.currency() == null || !money.currency().matches("[A-Z]{3}")) {
            throw new ClaimRuleViolation(field, "needs an ISO 4217 currency such as CNY");
        }
    }

    private void sameCurrency(String field, Money money) {
        if (!money.currency().equals(claimed.currency())) {
            throw new ClaimRuleViolation(field, "must be in " + claimed.currency() + ", the currency claimed");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private record Reshipment(int number, Integer resolutionNumber, String sku, StockHold stock, boolean shipped) {
    }
}
