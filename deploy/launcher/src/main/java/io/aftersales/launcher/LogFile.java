package io.aftersales.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One process's log in {@code DATA/logs}, appended run after run with a separator line per start;
 * {@link #thisRun()} and {@link #tail(int)} read only what this run wrote.
 */
public final class LogFile {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final long offset;

    private LogFile(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Writes the separator line {@code ==== <time> starting <what> ====} and remembers where this run begins. */
    public static LogFile startRun(Path file, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long size = Files.exists(file) ? Files.size(file) : 0;
            Files.writeString(file, "\n==== " + LocalDateTime.now().format(STAMP) + " starting " + what + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new LogFile(file, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + file, e);
        }
    }

    /** The whole file (for {@code ./aftersales logs}). */
    public static LogFile whole(Path file) {
        return new LogFile(file, 0);
    }

    public Path file() {
        return file;
    }

    /** What this run wrote so far (the separator line included). */
    public String thisRun() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE - 8)];
            in.seek(offset);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of this run. */
    public String tail(int lines) {
        List<String> all = Arrays.asList(thisRun().split("\n", -1));
        List<String> last = all.subList(Math.max(0, all.size() - lines - 1), all.size());
        return String.join("\n", last).strip() + "\n";
    }

    /**
     * Streams this run's lines, and every line written later, to {@code sink} on a daemon thread
     * (for {@code ./aftersales run --follow}).
     */
    public Thread follow(Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            long position = offset;
            StringBuilder partial = new StringBuilder();
            while (!Thread.currentThread().isInterrupted()) {
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    long length = in.length();
                    if (length > position) {
                        byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
                        in.seek(position);
                        in.readFully(bytes);
                        position += bytes.length;
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                            sink.accept(partial.substring(0, newline));
                            partial.delete(0, newline + 1);
                        }
                        continue;
                    }
                } catch (IOException e) {
                    // not there yet: try again
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "follow-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
