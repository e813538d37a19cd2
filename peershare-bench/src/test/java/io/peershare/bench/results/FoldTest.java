package io.peershare.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldTest {

    private static RunRecord idle(double... clientsAndHeap) {
        List<Figures> steps = new ArrayList<>();
        for (int i = 0; i < clientsAndHeap.length; i += 2) {
            steps.add(new Figures().put(Keys.CLIENTS, clientsAndHeap[i]).put(Keys.HEAP_KB_PER_CLIENT, clientsAndHeap[i + 1]));
        }
        return new RunRecord("idle", "netty", Instant.parse("2026-12-01T10:00:00Z"), 1, 1, 1, "", Map.of(), "", Map.of(), steps,
                List.of(), null);
    }

    @Test
    void spreadIsMedianMinMaxAsTheTablesShowIt() {
        assertEquals(new Spread(4.65, 4.18, 5.01, 3), Spread.of(List.of(4.65, 5.01, 4.18)));
        assertEquals(new Spread(2.5, 1, 4, 4), Spread.of(List.of(4.0, 1.0, 2.0, 3.0)), "even count: mean of the middle two");
        assertEquals(new Spread(7, 7, 7, 1), Spread.of(List.of(7.0)));
        assertEquals(new Spread(3, 3, 3, 1), Spread.of(Arrays.asList(Double.NaN, 3.0)), "NaN is not a measurement");
        Spread none = Spread.of(List.of());
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.median()));
    }

    @Test
    void stepsFoldByTheirKeyAcrossRunsEvenWhenRunsHaveDifferentSteps() {
        List<FoldedStep> folded = StepFold.fold(List.of(
                idle(1000, 3.8, 10000, 3.1),
                idle(10000, 3.3, 1000, 3.9),
                idle(1000, 3.7, 10000, 3.1),
                idle(19000, 3.5)), Keys.CLIENTS);

        assertEquals(List.of(1000.0, 10000.0, 19000.0), folded.stream().map(FoldedStep::key).toList(), "in order of the key");
        assertEquals(new Spread(3.8, 3.7, 3.9, 3), folded.get(0).get(Keys.HEAP_KB_PER_CLIENT));
        assertEquals(new Spread(3.1, 3.1, 3.3, 3), folded.get(1).get(Keys.HEAP_KB_PER_CLIENT));
        assertEquals(new Spread(3.5, 3.5, 3.5, 1), folded.get(2).get(Keys.HEAP_KB_PER_CLIENT), "one run alone");
        assertEquals(0, folded.get(2).get("absent").count());
        assertEquals(List.of(), StepFold.fold(List.of(), Keys.CLIENTS));
    }

    private static List<Figures> timeline(double... tAndOpen) {
        List<Figures> samples = new ArrayList<>();
        for (int i = 0; i < tAndOpen.length; i += 2) {
            samples.add(new Figures().put("t", tAndOpen[i]).put("open", tAndOpen[i + 1]));
        }
        return samples;
    }

    @Test
    void timelinesFoldOnACommonGridHoldingEachRunsLastValue() {
        List<Figures> folded = TimelineFold.median(List.of(
                timeline(0, 0, 0.05, 10, 0.1, 20),
                timeline(0.002, 0, 0.051, 30, 0.101, 40, 0.151, 50, 0.2, 60),
                timeline(0, 0, 0.049, 5)), "t");

        assertEquals(List.of(0.0, 0.05, 0.1, 0.15, 0.2), folded.stream().map(f -> f.get("t")).toList(), "the median gap, 0.05 s");
        assertEquals(0, folded.get(0).get("open"), "at 0, the second run has not started: median of the other two");
        assertEquals(5, folded.get(1).get("open"), "median of 10, 0 (0.051 is after 0.05) and 5");
        assertEquals(20, folded.get(2).get("open"), "median of 20, 30 and 5");
        assertEquals(20, folded.get(3).get("open"), "first run holds 20, third 5, second 40: median 20");
        assertEquals(20, folded.get(4).get("open"), "to the end of the longest run");
    }

    @Test
    void emptyAndOneSampleTimelinesFold() {
        assertEquals(List.of(), TimelineFold.median(List.of(), "t"));
        assertEquals(List.of(), TimelineFold.median(List.of(List.of()), "t"));
        List<Figures> single = TimelineFold.median(List.of(timeline(0, 7)), "t");
        assertEquals(1, single.size());
        assertEquals(7, single.get(0).get("open"));
    }
}
