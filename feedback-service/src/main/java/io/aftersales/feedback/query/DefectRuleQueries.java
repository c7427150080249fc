package io.aftersales.feedback.query;

import io.aftersales.feedback.api.DefectRule;
import io.aftersales.feedback.api.FindDefectRules;
import org.axonframework.queryhandling.QueryHandler;

import java.util.List;

/**
 * The rules in force as the web lists them. They come from configuration, not from events: the
 * service configuration hands over the command side's rules in the order it chooses them.
 */
public class DefectRuleQueries {

    private final List<RuleView> rules;

    public DefectRuleQueries(List<DefectRule> mostSpecificFirst) {
        this.rules = mostSpecificFirst.stream().map(RuleView::of).toList();
    }

    @QueryHandler
    public List<RuleView> handle(FindDefectRules query) {
        return rules;
    }
}
