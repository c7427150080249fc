package io.aftersales.sandbox;

/** An answer other than success, sent as {@code application/problem+json}. */
final class Problem extends RuntimeException {

    final int status;
    final String title;
    final String field;

    Problem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    static Problem badField(String field, String detail) {
        return new Problem(400, "Bad request", field + ": " + detail, field);
    }

    static Problem conflict(String requestNo) {
        return new Problem(409, "Conflict", "requestNo " + requestNo
                + " was used before with another body: a requestNo names one request, send the same body again"
                + " or use a new requestNo", "requestNo");
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail, null);
    }
}
