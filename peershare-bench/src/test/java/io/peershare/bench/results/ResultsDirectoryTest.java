package io.peershare.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void eachRunGetsItsOwnFileAndAllAreReadBackInNameOrder() throws IOException {
        ResultsDirectory dir = new ResultsDirectory(temp.resolve("new/dir"));
        RunRecord first = RunJsonTest.relayRun("tyrus", "2026-12-01T10:00:00Z", 1, 3.3);
        RunRecord same = RunJsonTest.relayRun("tyrus", "2026-12-01T10:00:00Z", 1, 3.5); // same second, same run
        RunRecord netty = RunJsonTest.relayRun("netty", "2026-12-01T10:05:00Z", 2, 1.4);

        Path a = dir.write(first);
        Path b = dir.write(same);
        Path c = dir.write(netty);
        Files.writeString(temp.resolve("new/dir/notes.txt"), "not a run");

        assertEquals("relay-tyrus-20261201-100000-run1.json", a.getFileName().toString());
        assertEquals("relay-tyrus-20261201-100000-run1-2.json", b.getFileName().toString());
        assertEquals("relay-netty-20261201-100500-run2.json", c.getFileName().toString());
        List<RunRecord> runs = dir.readAll();
        assertEquals(List.of("netty", "tyrus", "tyrus"), runs.stream().map(RunRecord::transport).toList());
        assertEquals(java.util.Set.of(3.3, 3.5), java.util.Set.of(runs.get(1).steps().get(0).get(Keys.P99_MS),
                runs.get(2).steps().get(0).get(Keys.P99_MS)), "neither run was written over the other");
    }

    @Test
    void clusterRunsAreNamedByTheirNodes() throws IOException {
        RunRecord r = RunJsonTest.relayRun("netty", "2026-12-01T10:00:00Z", 1, 1.0);
        RunRecord cluster = new RunRecord(r.scenario(), r.transport(), r.date(), 1, 1, 2, "", Map.of(), "", Map.of(), r.steps(),
                List.of(), null);
        assertEquals("relay-netty-2-nodes-20261201-100000-run1.json", new ResultsDirectory(temp).write(cluster).getFileName().toString());
    }

    @Test
    void aMissingDirectoryHasNoRunsAndABrokenFileIsNamed() throws IOException {
        assertEquals(List.of(), new ResultsDirectory(temp.resolve("absent")).readAll());
        Files.writeString(temp.resolve("broken.json"), "{\"format\": 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResultsDirectory(temp).readAll());
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
