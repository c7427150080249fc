package io.aftersales.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileTest {

    @TempDir
    Path dir;

    @Test
    void a_new_run_appends_a_separator_and_its_tail_shows_only_its_own_lines() throws Exception {
        Path file = dir.resolve("logs/ticket-service.log");
        LogFile.startRun(file, "ticket-service");
        Files.writeString(file, "yesterday's failure\n", StandardOpenOption.APPEND);

        LogFile today = LogFile.startRun(file, "ticket-service");
        Files.writeString(file, "started in 9 s\n", StandardOpenOption.APPEND);

        assertThat(Files.readString(file)).contains("yesterday's failure").containsPattern(
                "==== \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d starting ticket-service ====\nstarted in 9 s");
        assertThat(today.tail(40)).contains("starting ticket-service", "started in 9 s")
                .doesNotContain("yesterday's failure");
        assertThat(today.tail(1)).isEqualTo("started in 9 s\n");
    }
}
