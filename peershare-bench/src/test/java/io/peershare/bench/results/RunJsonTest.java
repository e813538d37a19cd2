package io.peershare.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJsonTest {

    static RunRecord relayRun(String transport, String date, int run, double... p99ByRate) {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("cores", "2");
        host.put("cpu", "AMD EPYC 7B13");
        host.put("memoryMiB", "24032");
        host.put("os", "Linux 6.1.0-18-cloud-amd64 amd64");
        host.put("java", "17.0.15+6-Debian-1deb12u1");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("clients", "2000");
        parameters.put("step-seconds", "10");
        parameters.put("rates", "5500,11000");
        parameters.put("pacing", "bursty");
        List<Figures> steps = new java.util.ArrayList<>();
        int[] rates = {5500, 11000, 22000};
        for (int i = 0; i < p99ByRate.length; i++) {
            steps.add(new Figures().put(Keys.TARGET_PER_SECOND, rates[i]).put(Keys.P50_MS, p99ByRate[i] / 10)
                    .put(Keys.P99_MS, p99ByRate[i]).put(Keys.P999_MS, p99ByRate[i] * 3).put(Keys.LOST, 0));
        }
        return new RunRecord("relay", transport, Instant.parse(date), run, 3, 1, "4354dd1", host, "netty epoll, 2 event loops",
                parameters, steps, List.of(), new Figures());
    }

    @Test
    void aRunReadsBackAsItWasWritten() {
        RunRecord run = new RunRecord("storm", "tyrus", Instant.parse("2026-12-01T10:15:30.789Z"), 2, 3, 1, "abc+changes",
                Map.of("cores", "2"), "gen \"quoted\" \\ back\nslash\u0001", Map.of("clients", "5000", "burst-gap-ms", "1.0"),
                List.of(), List.of(new Figures().put("t", 0).put("open", 0), new Figures().put("t", 0.05).put("open", 1234)),
                new Figures().put(Keys.PEER_LISTS_COMPLETE_SECONDS, 2.1745678).put("missing", Double.NaN));

        RunRecord back = RunJson.read(RunJson.write(run));

        assertEquals(Instant.parse("2026-12-01T10:15:30Z"), back.date(), "whole seconds");
        assertEquals(run.scenario(), back.scenario());
        assertEquals(run.transport(), back.transport());
        assertEquals(2, back.run());
        assertEquals(3, back.runs());
        assertEquals("abc+changes", back.commit());
        assertEquals(run.generator(), back.generator());
        assertEquals(Map.of("clients", "5000", "burst-gap-ms", "1.0"), back.parameters());
        assertEquals(run.timeline(), back.timeline());
        assertEquals(2.1746, back.totals().get(Keys.PEER_LISTS_COMPLETE_SECONDS), 1e-12, "four decimals");
        assertTrue(back.totals().has("missing"));
        assertTrue(Double.isNaN(back.totals().get("missing")), "NaN is written as null and read as NaN");
        assertTrue(back.steps().isEmpty());
    }

    @Test
    void theFileIsJsonWithNumbersWhereTheyAreNumbers() {
        String json = RunJson.write(relayRun("netty", "2026-12-01T10:00:00Z", 1, 1.39, 2.39));
        JsonObject o = Json.createReader(new StringReader(json)).readObject();

        assertEquals(RunRecord.FORMAT, o.getInt("format"));
        assertEquals("relay", o.getString("scenario"));
        assertEquals(2000, o.getJsonObject("parameters").getInt("clients"), "numeric parameters are numbers");
        assertEquals("5500,11000", o.getJsonObject("parameters").getString("rates"), "lists stay text");
        assertEquals(2, o.getJsonObject("host").getInt("cores"));
        JsonObject step = o.getJsonArray("steps").getJsonObject(1);
        assertEquals(11000, step.getInt(Keys.TARGET_PER_SECOND));
        assertEquals(2.39, step.getJsonNumber(Keys.P99_MS).doubleValue(), 1e-12);
        assertEquals(List.of(Keys.TARGET_PER_SECOND, Keys.P50_MS, Keys.P99_MS, Keys.P999_MS, Keys.LOST),
                List.copyOf(step.keySet()), "figures keep the order of the table's columns");
        assertEquals(JsonValue.ValueType.ARRAY, o.get("timeline").getValueType());
        assertTrue(json.contains("\n    {\"targetPerSecond\": 5500, "), "one step per line:\n" + json);
    }

    @Test
    void numbersHaveAtMostFourDecimalsAndNoExponent() {
        assertEquals("0", RunJson.number(0.0));
        assertEquals("0", RunJson.number(-0.00001));
        assertEquals("12", RunJson.number(12.0));
        assertEquals("0.1312", RunJson.number(0.13124));
        assertEquals("123456789012", RunJson.number(1.23456789012e11));
        assertEquals("0.0001", RunJson.number(1e-4));
        assertEquals("null", RunJson.number(Double.NaN));
        assertEquals("null", RunJson.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void whatIsNotAResultsFileIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> RunJson.read("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> RunJson.read("{\"format\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> RunJson.read("not json"));
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                () -> RunJson.read(RunJson.write(relayRun("netty", "2026-12-01T10:00:00Z", 1)).replace("\"format\": 1", "\"format\": 99")));
        assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
    }

    @Test
    void aFileWithoutTimelineOrTotalsIsRead() {
        RunRecord run = RunJson.read("{\"format\": 1, \"scenario\": \"chat\", \"transport\": \"netty\", "
                + "\"date\": \"2026-12-01T10:00:00Z\", \"steps\": [{\"clients\": 1000, \"p99Ms\": null}]}");
        assertEquals(1, run.run());
        assertEquals(1, run.servers());
        assertEquals(1, run.steps().size());
        assertTrue(Double.isNaN(run.steps().get(0).get(Keys.P99_MS)));
        assertTrue(run.timeline().isEmpty());
        assertTrue(run.totals().isEmpty());
        assertTrue(run.host().isEmpty());
    }
}
