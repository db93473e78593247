package dev.gdsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sweep per output at a time, and no lock left stuck by a crash. */
class LockTest {

    @TempDir
    Path dir;

    private ReportLocation take(Path out) {
        return ReportLocation.prepare(out.toString(), false, false, new Configuration(), "--out");
    }

    @Test
    void aSecondSweepOnTheSameOutputIsRefusedWhileTheFirstRuns() {
        Path out = dir.resolve("report");
        try (ReportLocation first = take(out)) {
            assertThatThrownBy(() -> take(out))
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("--out: another sweep is writing this output (host=")
                    .hasMessageContaining("pid=" + ProcessHandle.current().pid());
        }
        // Released: the next sweep may go.
        take(out).close();
        assertThat(dir.resolve(".report.gdsweep-lock")).doesNotExist();
    }

    @Test
    void aLockWhoseProcessIsGoneIsTakenOver() throws IOException {
        Path lock = dir.resolve(".report.gdsweep-lock");
        String host = InetAddress.getLocalHost().getHostName();
        // A pid far above any live one on this machine.
        Files.writeString(lock, "host=" + host + " pid=2147483600 id=crashed");
        take(dir.resolve("report")).close();
        assertThat(lock).doesNotExist();
    }

    @Test
    void aForeignLockIsTakenOverOnlyOnceItsHeartbeatIsStale() throws IOException {
        Path lock = dir.resolve(".report.gdsweep-lock");
        Files.writeString(lock, "host=elsewhere.example pid=42 id=other");
        assertThatThrownBy(() -> take(dir.resolve("report"))).hasMessageContaining("host=elsewhere.example pid=42");

        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(600)));
        take(dir.resolve("report")).close();
    }

    @Test
    void anEmptyLockFromACrashDuringCreationExpiresQuickly() throws IOException {
        Path lock = dir.resolve(".report.gdsweep-lock");
        Files.writeString(lock, "");
        assertThatThrownBy(() -> take(dir.resolve("report"))).isInstanceOf(SpecException.class);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(30)));
        take(dir.resolve("report")).close();
    }
}
