package io.aftersales.platform.security;

/**
 * The roles of the trade and the {@code @PreAuthorize} expressions endpoints use, so that each
 * endpoint states next to itself who may call it.
 */
public final class Roles {

    public static final String AGENT = "AGENT";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String WAREHOUSE = "WAREHOUSE";
    public static final String LOGISTICS = "LOGISTICS";
    public static final String QA = "QA";
    public static final String ADMIN = "ADMIN";

    /** Every role of the system. */
    public static final String ANY = "hasAnyRole('AGENT','SUPERVISOR','WAREHOUSE','LOGISTICS','QA','ADMIN')";
    /** Those who open and work customer cases. */
    public static final String CASE_WORKERS = "hasAnyRole('AGENT','SUPERVISOR','LOGISTICS','ADMIN')";
    /** Those who add to a case's trail: case workers and the warehouse recording what it received. */
    public static final String CASE_CONTRIBUTORS = "hasAnyRole('AGENT','SUPERVISOR','WAREHOUSE','LOGISTICS','ADMIN')";
    /** Those who work a case with the buyer: agents and their supervisors. */
    public static final String CASE_AGENTS = "hasAnyRole('AGENT','SUPERVISOR')";
    /** A supervisor's decisions: assigning tickets, approving or rejecting proposals above an agent's limits. */
    public static final String SUPERVISORS = "hasAnyRole('SUPERVISOR')";
    /** Quality assurance decisions such as relisting a product. */
    public static final String QUALITY_ASSURANCE = "hasAnyRole('QA','ADMIN')";

    private Roles() {
    }
}
