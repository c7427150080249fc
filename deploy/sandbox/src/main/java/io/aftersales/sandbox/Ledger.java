package io.aftersales.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sandbox's durable memory: one JSON object per line in {@code DATA/sandbox/ledger.jsonl},
 * each the whole state of one record after a change ({@code kind}, {@code requestNo},
 * {@code record}); read back at start, the last line of a record wins. Every line is forced to
 * disk before {@link #append} returns, so whatever the sandbox answered survives a crash of its
 * process or machine. A torn last line (a crash in the middle of a write) is skipped at start.
 */
final class Ledger implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

    private final Path file;
    private final ObjectMapper json;
    private final FileChannel channel;

    Ledger(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox ledger " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Every complete line written so far, in order. */
    List<JsonNode> readAll() {
        List<JsonNode> lines = new ArrayList<>();
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox ledger " + file, e);
        }
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(json.readTree(line));
            } catch (JsonProcessingException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable line {0} of {1} (torn by a crash?)", i + 1, file);
            }
        }
        return lines;
    }

    /** Appends one line and forces it to disk before returning. */
    synchronized void append(JsonNode line) {
        try {
            byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox ledger " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + file + ": " + e);
        }
    }
}
