package io.aftersales.logistics.command;

import io.aftersales.logistics.api.ClaimKind;
import io.aftersales.logistics.api.ClaimRules;
import io.aftersales.logistics.api.ClaimStatus;
import io.aftersales.logistics.api.FileClaim;
import io.aftersales.logistics.api.Money;
import io.aftersales.logistics.api.RecordAcceptance;
import io.aftersales.logistics.api.RecordCompensation;
import io.aftersales.logistics.api.RecordReshipmentShipped;
import io.aftersales.logistics.api.StockHold;
import io.aftersales.logistics.api.Warehouse;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.aftersales.logistics.command.ClaimLifecycleTest.CLAIM;
import static io.aftersales.logistics.command.ClaimLifecycleTest.NOW;
import static io.aftersales.logistics.command.ClaimLifecycleTest.open;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole process, as commands: the buyer's replacement is held and shipped before the courier is ever asked. */
class ReshipThenClaimTest {

    @Test
    void a_lost_parcel_is_reshipped_first_and_then_claimed_accepted_and_compensated_by_the_courier() {
        List<String> steps = new ArrayList<>();
        AggregateTestFixture<Claim> fixture = new AggregateTestFixture<>(Claim.class);
        fixture.registerInjectableResource((Warehouse) request -> {
            steps.add("hold " + request.requestNo());
            return new Warehouse.StockHoldResult("hold-9", StockHold.HELD);
        });
        fixture.registerInjectableResource(ClaimRules.DEFAULTS);

        fixture.givenCommands(open(ClaimKind.LOST),
                        new RecordReshipmentShipped(CLAIM, "SF", "SF1428375920144", "wh-1", NOW, null),
                        new FileClaim(CLAIM, "ZTO", "ZC-1", Money.cny("259.00"), "lg-1", NOW, null),
                        new RecordAcceptance(CLAIM, Money.cny("259.00"), "lg-1", NOW, null))
                .when(new RecordCompensation(CLAIM, Money.cny("259.00"), null, "lg-1", NOW, null))
                .expectSuccessfulHandlerExecution()
                .expectState(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.COMPENSATED));

        assertThat(steps).containsExactly("hold " + CLAIM + "-reshipment-1");
    }
}
