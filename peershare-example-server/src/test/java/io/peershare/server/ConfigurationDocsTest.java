package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The documentation's tables of variables say what {@link EnvironmentSettings} does. */
class ConfigurationDocsTest {

    private static final String FULL_TABLE_HEADER = "| variable | default | allowed values | meaning |";
    private static final String SHORT_TABLE_HEADER = "| variable | default | meaning |";
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z_<>]+)`");

    /** The project's root: surefire runs in the module's directory. */
    private static Path projectFile(String name) {
        return Path.of("").toAbsolutePath().getParent().resolve(name);
    }

    /** The rows of the first table under {@code header}, as written. */
    private static List<String> tableRows(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf(header);
        assertTrue(start >= 0, () -> file + " has a table headed " + header);
        List<String> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static List<String> cells(String row) {
        return List.of(row.substring(1, row.length() - 1).split(" \\| ", -1)).stream().map(String::trim).toList();
    }

    private static String shownDefault(Setting<?> setting) {
        return setting.hasDefaultValue() ? "`" + setting.defaultValue() + "`" : setting.defaultValue();
    }

    private static String row(Setting<?> setting) {
        return "| `" + setting.name() + "` | " + shownDefault(setting) + " | " + setting.format().allowed() + " | "
                + setting.doc() + " |";
    }

    @Test
    void theOperationsGuideListsEveryVariableAsTheTableOfSettingsHasIt() throws IOException {
        String expected = EnvironmentSettings.ALL.stream().map(ConfigurationDocsTest::row).collect(Collectors.joining("\n"));
        String actual = String.join("\n", tableRows(projectFile("docs/operations.md"), FULL_TABLE_HEADER));
        assertEquals(expected, actual, () -> "docs/operations.md's table of variables should read:\n"
                + FULL_TABLE_HEADER + "\n|---|---|---|---|\n" + expected + "\n");
    }

    @Test
    void theOperationsGuideShowsARealConfigurationError() throws IOException {
        String message = "peershare: configuration error: " + assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromEnvironment(Map.of("PORT", "forty"))).getMessage();
        assertTrue(Files.readString(projectFile("docs/operations.md")).contains("`" + message + "`"),
                () -> "docs/operations.md should show " + message);
    }

    @Test
    void theOperationsGuidesDotEnvExampleIsReadAsItSays() throws IOException {
        String doc = Files.readString(projectFile("docs/operations.md"));
        int section = doc.indexOf("### The .env file");
        assertTrue(section >= 0, "docs/operations.md has a section on the .env file");
        int start = doc.indexOf("```sh\n", section) + "```sh\n".length();
        DotEnvFile file = DotEnvFile.parse(".env", doc.substring(start, doc.indexOf("```", start)));
        assertEquals(List.of(), file.problems());
        assertEquals(List.of(), file.warnings());
        assertEquals("https://share.example.com", file.variables().get("FRONTEND_URL"), "the comment is not part of it");
        assertEquals("change me to a long \"random\" string", file.variables().get("TURN_SECRET"));
        ServerConfig config = ServerConfig.fromEnvironment(file.variables());
        assertTrue(config.production());
        assertEquals(4000, config.port());
        assertEquals(1, config.engine().iceServers().size());
    }

    @Test
    void theReadmesShortTableNamesRealVariablesWithTheirDefaults() throws IOException {
        Map<String, Setting<?>> byName = EnvironmentSettings.ALL.stream()
                .collect(Collectors.toMap(Setting::name, Function.identity()));
        List<String> rows = tableRows(projectFile("README.md"), SHORT_TABLE_HEADER);
        assertTrue(rows.size() > 5, "the README keeps a short table of the main variables");
        for (String row : rows) {
            List<String> cells = cells(row);
            Matcher name = VARIABLE.matcher(cells.get(0));
            assertTrue(name.matches(), () -> "one variable per row: " + row);
            String variable = name.group(1);
            if (variable.endsWith("_<CLASS>")) {
                String prefix = variable.substring(0, variable.length() - "<CLASS>".length());
                assertTrue(byName.keySet().stream().anyMatch(n -> n.startsWith(prefix)), row);
            } else {
                Setting<?> setting = byName.get(variable);
                assertNotNull(setting, () -> "the README names an unknown variable: " + row);
                assertEquals(shownDefault(setting), cells.get(1), () -> "the README's default of " + variable);
            }
        }
    }
}
