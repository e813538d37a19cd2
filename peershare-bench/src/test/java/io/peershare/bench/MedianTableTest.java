package io.peershare.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTableTest {

    private static List<String> run(String row1, String row2) {
        return List.of("generator: netty", "", "| target (/s) | p99 (ms) | lost |", "|---|---|---|", row1, row2);
    }

    @Test
    void eachFigureBecomesMedianWithMinAndMaxInTheFirstRunsPrecision() {
        List<String> folded = MedianTable.fold(List.of(
                run("| 5500 | 4.65 | 0 |", "| 11000 | 19.2 | 0 |"),
                run("| 5500 | 5.01 | 0 |", "| 11000 | 148 | 2 |"),
                run("| 5500 | 4.18 | 0 |", "| 11000 | 14.4 | 0 |")));

        assertEquals(List.of("generator: netty", "", "| target (/s) | p99 (ms) | lost |", "|---|---|---|",
                "| 5500 | 4.65 (4.18..5.01) | 0 (0..0) |",
                "| 11000 | 19.2 (14.4..148.0) | 0 (0..2) |"), folded);
    }

    @Test
    void runsWithDifferentRowsAreRefused() {
        List<String> shorter = List.of("| target (/s) | p99 (ms) | lost |", "|---|---|---|", "| 5500 | 4.65 | 0 |");
        assertThrows(IllegalArgumentException.class,
                () -> MedianTable.fold(List.of(run("| 5500 | 4.65 | 0 |", "| 11000 | 19.2 | 0 |"), shorter)));
    }
}
