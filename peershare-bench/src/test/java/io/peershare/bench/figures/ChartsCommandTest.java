package io.peershare.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.bench.chart.SvgDocument;
import io.peershare.bench.results.ResultsDirectory;
import io.peershare.bench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsCommandTest {

    @TempDir
    Path temp;

    @Test
    void rendersTheThreeChartsFromADirectoryOfResults() throws Exception {
        ResultsDirectory results = new ResultsDirectory(temp.resolve("results"));
        for (RunRecord run : FiguresTest.session()) {
            results.write(run);
        }
        Path out = temp.resolve("docs/performance");

        assertEquals(3, ChartsCommand.run(new String[] {"--in", results.path().toString(), "--out", out.toString()}));

        for (String file : List.of(RelayLatencyFigure.FILE, MemoryFigure.FILE, StormTimelineFigure.FILE)) {
            SvgDocument svg = SvgDocument.parse(Files.readString(out.resolve(file)));
            assertFalse(svg.all("polyline").isEmpty(), file);
        }
        String relay = Files.readString(out.resolve(RelayLatencyFigure.FILE));
        assertTrue(SvgDocument.parse(relay).texts().contains("Tyrus p99.9"));
        assertEquals(relay, Files.readString(out.resolve(RelayLatencyFigure.FILE)));
    }

    @Test
    void aChartWithoutRunsIsNotWrittenAndAnExistingOneIsKept() throws Exception {
        ResultsDirectory results = new ResultsDirectory(temp.resolve("results"));
        results.write(FiguresTest.relay("netty", 1, 5500, 2.0));
        Path out = temp.resolve("charts");
        Files.createDirectories(out);
        Files.writeString(out.resolve(StormTimelineFigure.FILE), "<svg/>");

        assertEquals(1, ChartsCommand.run(new String[] {"--in", results.path().toString(), "--out", out.toString()}));

        assertTrue(Files.exists(out.resolve(RelayLatencyFigure.FILE)));
        assertFalse(Files.exists(out.resolve(MemoryFigure.FILE)));
        assertEquals("<svg/>", Files.readString(out.resolve(StormTimelineFigure.FILE)));
        assertEquals(0, ChartsCommand.run(new String[] {"--in", temp.resolve("absent").toString(), "--out", out.toString()}));
    }

    @Test
    void withoutInItSaysHowToUseIt() {
        assertThrows(IllegalArgumentException.class, () -> ChartsCommand.run(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> ChartsCommand.run(new String[] {"--in"}));
        assertThrows(IllegalArgumentException.class, () -> ChartsCommand.run(new String[] {"--bogus", "x"}));
    }
}
