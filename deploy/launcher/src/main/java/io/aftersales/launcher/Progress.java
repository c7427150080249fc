package io.aftersales.launcher;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What the launcher tells its user: the step it is on ({@code ==>}), what finished ({@code ok}),
 * and how long it has taken so far. Colours only on a terminal.
 */
public final class Progress {

    /** While waiting, a line at least this often, so that a slow first start never looks stuck. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

    public Progress(PrintStream out, PrintStream err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    /** Standard output and error, coloured when both are a terminal. */
    public static Progress console() {
        return new Progress(System.out, System.err, System.console() != null && System.getenv("NO_COLOR") == null);
    }

    public void step(String message) {
        out.println(paint("1", "==>") + " " + message);
        out.flush();
    }

    public void ok(String message) {
        out.println(paint("32", " ok") + " " + message);
        out.flush();
    }

    public void info(String message) {
        out.println("    " + message);
        out.flush();
    }

    public void warn(String message) {
        err.println(paint("33", "warn") + " " + message);
        err.flush();
    }

    public void error(String message) {
        err.println(paint("31", "error") + " " + message);
        err.flush();
    }

    /** A block of log lines, on standard error. */
    public void logTail(String name, LogFile log, int lines) {
        String text = log.tail(lines);
        if (text.isBlank()) {
            error(name + " wrote no log (" + log.file() + ")");
            return;
        }
        err.println(paint("2", "---- last lines of " + name + " (" + log.file() + ") ----"));
        err.print(text.endsWith("\n") ? text : text + "\n");
        err.println(paint("2", "---- end of " + name + " ----"));
        err.flush();
    }

    public PrintStream out() {
        return out;
    }

    /** {@code 42s} or {@code 2m05s}. */
    public static String elapsed(long startedNanos) {
        long seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        return seconds < 60 ? seconds + "s" : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }

    private String paint(String code, String text) {
        return colour ? "\033[" + code + "m" + text + "\033[0m" : text;
    }
}
