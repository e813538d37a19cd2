package io.peershare.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of results files, one per run: {@code <scenario>-<transport>[-<n>-nodes]-<date>-run<n>.json}
 * (the date in UTC, {@code yyyyMMdd-HHmmss}). Reading takes every {@code .json} file directly in the directory,
 * in the order of their names.
 */
public final class ResultsDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;

    public ResultsDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /** Writes the run to a new file (never over an existing one) and returns its path. */
    public Path write(RunRecord run) throws IOException {
        Files.createDirectories(directory);
        String base = run.scenario() + "-" + safe(run.transport()) + (run.servers() > 1 ? "-" + run.servers() + "-nodes" : "")
                + "-" + STAMP.format(run.date()) + "-run" + run.run();
        Path file = directory.resolve(base + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(base + "-" + n + ".json");
        }
        Files.writeString(file, RunJson.write(run), StandardCharsets.UTF_8);
        return file;
    }

    /** Every run in the directory; none if it does not exist. A file that is not a run is an error naming it. */
    public List<RunRecord> readAll() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
        List<RunRecord> runs = new ArrayList<>();
        for (Path file : files) {
            try {
                runs.add(RunJson.read(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return runs;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._]", "_");
    }
}
