package io.peershare.bench;

import io.peershare.bench.results.Figures;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ten minutes (by default) of everything at once against one server: residents chatting and signalling in eight
 * networks, passers-by joining and leaving, readers that stop reading while 32 KB signals are relayed to them, and
 * clients sending every kind of bad frame. Every {@code --sample-seconds} the server is made to collect garbage and
 * its heap is read; the soak passes if the heap after collection at the end is within 10 % (and 4 MB) of where it
 * stood after warming up, and exits with status 1 otherwise.
 *
 * <pre>
 * peershare-bench/bench.sh soak [--minutes 10] [--sample-seconds 30]
 * </pre>
 */
final class SoakScenario {

    private static final int RESIDENT_NETWORKS = 8;
    private static final int PASSERS_BY = 4;
    private static final int SLOW_READERS = 2;
    private static final int BAD_FRAME_SENDERS = 2;

    private SoakScenario() {
    }

    /** Runs the soak as {@code --minutes}, {@code --sample-seconds} say, with a results file; returns whether it passed. */
    static boolean run(Options options) throws Exception {
        RunRecorder recorder = new RunRecorder("soak", options);
        boolean flat = run(options.url(), options.pid(), options.integer("minutes", 10), options.integer("sample-seconds", 30),
                recorder);
        recorder.save();
        return flat;
    }

    /**
     * Runs the soak against the server at {@code url}, whose process is {@code pid}, giving its samples (as a
     * timeline) and totals to {@code recorder}; returns whether it passed.
     */
    static boolean run(URI url, long pid, int minutes, int sampleSeconds, RunRecorder recorder) throws Exception {
        SoakCounts counts = new SoakCounts();
        long start = System.nanoTime();
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        SoakActors actors = new SoakActors(url, null, counts, end);
        ExecutorService threads = Executors.newCachedThreadPool();
        for (int i = 0; i < RESIDENT_NETWORKS; i++) {
            String network = "Residents" + i;
            keepRunning(threads, end, counts, () -> actors.residents(network));
        }
        for (int i = 0; i < PASSERS_BY; i++) {
            String network = "Residents" + i; // passers-by come and go where people talk
            keepRunning(threads, end, counts, () -> actors.passersBy(network));
        }
        for (int i = 0; i < SLOW_READERS; i++) {
            String network = "Slow" + i;
            keepRunning(threads, end, counts, () -> actors.slowReaders(network));
        }
        for (int i = 0; i < BAD_FRAME_SENDERS; i++) {
            keepRunning(threads, end, counts, actors::badFrames);
        }
        keepRunning(threads, end, counts, () -> actors.stoppedPoller("Polled"));
        keepRunning(threads, end, counts, () -> actors.reconnectingFlooder(50));

        System.out.printf("soak: %d min, %d resident networks of 5, %d passers-by, %d slow readers, %d bad-frame"
                + " senders, a long-polling client that stops polling, an address that reconnects to flood%n%n",
                minutes, RESIDENT_NETWORKS, PASSERS_BY, SLOW_READERS, BAD_FRAME_SENDERS);
        System.out.println("| minute | server heap after GC (MB) | server RSS (MB) | connections | networks"
                + " | frames received | slow-reader closes (4009) | client frames sent | client frames received |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Double> heapSamples = new ArrayList<>();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(sampleSeconds),
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            heapSamples.add(sample(url, pid, counts, (System.nanoTime() - start) / 60e9, recorder));
        }
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        Thread.sleep(3_000); // the server sees the last clients go
        System.out.println();
        double heapAfter = heapAfterGc(url, pid);
        System.out.println("after the clients left: heap after GC " + format(heapAfter) + " MB");
        System.out.println("client connections made: " + counts.connections.sum() + "; server closes seen by clients: "
                + counts.closes() + "; errors seen: " + counts.errors() + "; actor restarts: "
                + counts.actorFailures.sum());
        System.out.println("the reconnecting flooder: " + counts.flooderUpgrades.sum() + " connections upgraded, "
                + counts.flooderRefusals.sum() + " refused (its address cooling down)");
        boolean flat = verdict(heapSamples);
        recorder.totals(new Figures()
                .put("minutes", minutes)
                .put("heapAfterClientsLeftMb", heapAfter)
                .put("connectionsMade", counts.connections.sum())
                .put("serverCloses", counts.closes().values().stream().mapToLong(Long::longValue).sum())
                .put("errors", counts.errors().values().stream().mapToLong(Long::longValue).sum())
                .put("actorRestarts", counts.actorFailures.sum())
                .put("flooderUpgrades", counts.flooderUpgrades.sum())
                .put("flooderRefusals", counts.flooderRefusals.sum())
                .put("heapFlat", flat ? 1 : 0));
        return flat;
    }

    /** Runs {@code actor} again and again until the end, whatever it throws (the server closing it, mostly). */
    private static void keepRunning(ExecutorService threads, long end, SoakCounts counts, Actor actor) {
        threads.execute(() -> {
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                try {
                    actor.run();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    counts.actorFailures.increment();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Actor {
        void run() throws Exception;
    }

    private static double sample(URI url, long pid, SoakCounts counts, double minute, RunRecorder recorder) throws Exception {
        double heap = heapAfterGc(url, pid);
        JsonObject stats = Heap.stats(url);
        JsonObject closes = stats.getJsonObject("closes");
        long slow = closes.containsKey("slowConsumer") ? closes.getJsonNumber("slowConsumer").longValue() : 0;
        recorder.sample(new Figures()
                .put("minute", minute)
                .put("heapAfterGcMb", heap)
                .put("rssMb", ProcessStats.rssBytes(pid) / 1048576.0)
                .put("connections", stats.getInt("connections"))
                .put("networks", stats.getInt("networks"))
                .put("framesReceived", stats.getJsonObject("frames").getJsonNumber("received").longValue())
                .put("slowReaderCloses", slow)
                .put("clientFramesSent", counts.sent.sum())
                .put("clientFramesReceived", counts.received.sum()));
        System.out.printf(Locale.ROOT, "| %.1f | %s | %s | %d | %d | %d | %d | %d | %d |%n", minute, format(heap),
                format(ProcessStats.rssBytes(pid) / 1048576.0), stats.getInt("connections"), stats.getInt("networks"),
                stats.getJsonObject("frames").getJsonNumber("received").longValue(), slow, counts.sent.sum(),
                counts.received.sum());
        return heap;
    }

    private static double heapAfterGc(URI url, long pid) throws Exception {
        ProcessStats.gc(pid);
        return Heap.used(url) / 1048576.0;
    }

    /** Flat: the median of the last three samples within 10 % and 4 MB of the median of minutes 2 to 3. */
    static boolean verdict(List<Double> samples) {
        if (samples.size() < 6) {
            System.out.println("too few samples for a verdict: run for longer");
            return false;
        }
        double warm = median(samples.subList(samples.size() / 5, samples.size() / 5 + 3));
        double last = median(samples.subList(samples.size() - 3, samples.size()));
        boolean flat = last <= warm * 1.10 + 4;
        System.out.printf(Locale.ROOT, "heap after GC: %s MB after warm-up, %s MB at the end: %s%n", format(warm),
                format(last), flat ? "flat" : "GROWING");
        return flat;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(double megabytes) {
        return String.format(Locale.ROOT, "%.1f", megabytes);
    }
}
