package io.aftersales.feedback.web;

import io.aftersales.feedback.api.FindAlerts;
import io.aftersales.feedback.api.FindDelisting;
import io.aftersales.feedback.api.FindDefectRules;
import io.aftersales.feedback.api.FindDelistings;
import io.aftersales.feedback.api.FindProductQuality;
import io.aftersales.feedback.api.DelistingNotFound;
import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.DefectRule;
import io.aftersales.feedback.command.DefectRules;
import io.aftersales.feedback.query.AlertView;
import io.aftersales.feedback.query.DelistingView;
import io.aftersales.feedback.query.AlertPage;
import io.aftersales.feedback.query.DelistingPage;
import io.aftersales.feedback.query.ProductQualityView;
import io.aftersales.feedback.query.RuleView;
import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.RequestValidator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Quality feedback under {@code /api/v1}: delistings, production alerts, a product's defect counts,
 * the rules, and QA's relisting. Each endpoint states its roles: reads are open to every role,
 * relisting is for {@code QA} and {@code ADMIN}.
 */
@RestController
@RequestMapping("/api/v1")
public class QualityController {

    private static final List<String> DELISTING_STATUSES = List.of(DelistingView.ACTIVE, DelistingView.RELISTED);
    private static final List<String> ALERT_STATUSES = List.of(AlertView.OPEN, AlertView.RESOLVED);

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final RequestValidator validator;
    private final Clock clock;

    public QualityController(CommandGateway commandGateway, QueryGateway queryGateway, RequestValidator validator,
                             Clock clock) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.clock = clock;
    }

    /** Delisted products, newest first. Filters: {@code product}, {@code sku}, {@code status} (ACTIVE, RELISTED). Roles: any. */
    @GetMapping("/delistings")
    @PreAuthorize(Roles.ANY)
    public Mono<DelistingPage> delistings(@RequestParam(required = false) String product,
                                                @RequestParam(required = false) String sku,
                                                @RequestParam(required = false) String status,
                                                @RequestParam(required = false) String page,
                                                @RequestParam(required = false) String size) {
        return Blocking.call(() -> {
            ListParameters p = parameters(product, sku, status, page, size, DELISTING_STATUSES);
            return queryGateway.query(new FindDelistings(p.product(), p.sku(), p.status(), p.page().page(),
                            p.page().size()),
                    ResponseTypes.instanceOf(DelistingPage.class)).join();
        });
    }

    /** One delisting by its incident id. Roles: any. */
    @GetMapping("/delistings/{id}")
    @PreAuthorize(Roles.ANY)
    public Mono<DelistingView> delisting(@PathVariable String id) {
        return Blocking.call(() -> findDelisting(id).orElseThrow(QualityController::notFound));
    }

    /** Production alerts, newest first. Filters: {@code product}, {@code sku}, {@code status} (OPEN, RESOLVED). Roles: any. */
    @GetMapping("/alerts")
    @PreAuthorize(Roles.ANY)
    public Mono<AlertPage> alerts(@RequestParam(required = false) String product,
                                        @RequestParam(required = false) String sku,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(required = false) String page,
                                        @RequestParam(required = false) String size) {
        return Blocking.call(() -> {
            ListParameters p = parameters(product, sku, status, page, size, ALERT_STATUSES);
            return queryGateway.query(new FindAlerts(p.product(), p.sku(), p.status(), p.page().page(), p.page().size()),
                    ResponseTypes.instanceOf(AlertPage.class)).join();
        });
    }

    /** A product's defect reports by batch and defect type, and its open incidents; 404 when it has none. Roles: any. */
    @GetMapping("/quality/products/{product}")
    @PreAuthorize(Roles.ANY)
    public Mono<ProductQualityView> product(@PathVariable String product) {
        return Blocking.call(() -> queryGateway.query(new FindProductQuality(product),
                        ResponseTypes.optionalInstanceOf(ProductQualityView.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No reports on this product")));
    }

    /** The batch-defect rules in force, most specific first (the order they are chosen in). Roles: any. */
    @GetMapping("/quality/rules")
    @PreAuthorize(Roles.ANY)
    public Mono<List<RuleView>> rules() {
        return Blocking.call(() -> queryGateway.query(new FindDefectRules(),
                ResponseTypes.multipleInstancesOf(RuleView.class)).join());
    }

    /**
     * QA relists the product of an incident, with a note: 200 with the delisting as it now stands.
     * 404 for an unknown incident, 409 when it was already relisted. Roles: QA, ADMIN.
     */
    @PostMapping("/delistings/{id}/relist")
    @PreAuthorize(Roles.QUALITY_ASSURANCE)
    public Mono<DelistingView> relist(@PathVariable String id, @RequestBody RelistRequest body, Caller caller) {
        return Blocking.call(() -> {
            RelistRequest request = validator.validate(body);
            DelistingView delisting = findDelisting(id).orElseThrow(() -> new DelistingNotFound(id));
            ProductRelisted relisted = commandGateway.sendAndWait(request.toCommand(
                    ProductBatchIds.of(delisting.product(), delisting.batch()), id, caller.subject(), clock.instant()));
            return delisting.relisted(relisted);
        });
    }

    private ListParameters parameters(String product, String sku, String status, String page, String size,
                                      List<String> statuses) {
        List<FieldError> errors = ListParameters.errors();
        ListParameters parameters = ListParameters.parse(product, sku, status, page, size, statuses, errors);
        return validator.validate(parameters, errors);
    }

    private Optional<DelistingView> findDelisting(String id) {
        return queryGateway.query(new FindDelisting(id), ResponseTypes.optionalInstanceOf(DelistingView.class)).join();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such delisting");
    }
}
