package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code .env} syntax dotenv tools share, and a malformed line reported by its number. */
class DotEnvFileTest {

    private static DotEnvFile parse(String text) {
        return DotEnvFile.parse("/srv/.env", text);
    }

    /** The one value {@code line} sets for {@code A}, the file read without a problem. */
    private static String valueOf(String line) {
        DotEnvFile file = parse(line);
        assertEquals(List.of(), file.problems(), line);
        return file.variables().get("A");
    }

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "A=4001|4001",
        "export A=4001|4001",
        "export  A = 4001|4001",
        "  A  =  4001  |4001",
        "A=4001 # the port|4001",
        "A=4001\t# the port|4001",
        "A=a#b|a#b",
        "A=#b|#b",
        "A= # only a comment|``",
        "A=|``",
        "A=two words|two words",
        "A='4001'|4001",
        "A=\"4001\"|4001",
        "A = '4001' # quoted, then a comment|4001",
        "A=\"4001\"# no space|4001",
        "A=' spaces kept '| spaces kept ",
        "A='a # not a comment'|a # not a comment",
        "A='$HOME\\n'|$HOME\\n",
        "A=$HOME|$HOME",
        "A=it's|it's",
        "A=\"say \\\"hi\\\"\"|say \"hi\"",
        "A=\"back\\\\slash\"|back\\slash",
        "A=\"not \\an escape\"|not \\an escape",
        "A=\"[{\\\"urls\\\":\\\"stun:s.example.com\\\"}]\"|[{\"urls\":\"stun:s.example.com\"}]",
        "A='[{\"urls\":\"stun:s.example.com\"}]'|[{\"urls\":\"stun:s.example.com\"}]",
    })
    void readsTheUsualSyntax(String line, String value) {
        assertEquals(value, valueOf(line));
    }

    @Test
    void doubleQuotesReadEscapesForLineBreaksAndTabs() {
        assertEquals("a\nb\tc\rd", valueOf("A=\"a\\nb\\tc\\rd\""));
    }

    @Test
    void aQuotedValueMaySpanLinesAndTheNextVariableNamesItsOwnLine() {
        DotEnvFile file = parse("A=\"first\nsecond\"\nB='x\n\ny'\nC=3\n");
        assertEquals(List.of(), file.problems());
        assertEquals(Map.of("A", "first\nsecond", "B", "x\n\ny", "C", "3"), file.variables());
        assertEquals(6, file.entries().get("C").line());
    }

    @Test
    void blankLinesCommentsWindowsLineEndsAndAByteOrderMarkAreSkipped() {
        DotEnvFile file = parse("\uFEFF# settings\r\n\r\n   # indented comment\r\nPORT=4001\r\nHOST=127.0.0.1\r\n");
        assertEquals(List.of(), file.problems());
        assertEquals(Map.of("PORT", "4001", "HOST", "127.0.0.1"), file.variables());
        assertEquals(5, file.entries().get("HOST").line());
    }

    @Test
    void everyMalformedLineIsReportedByItsNumberAndTheOthersAreStillRead() {
        DotEnvFile file = parse("PORT=4001\nPORT 4002\n=4003\nexport\nHOST='127.0.0.1' local\nMAX_FILE_SIZE=10MB\n");
        assertEquals(List.of(
                "/srv/.env line 2: expected NAME=value, such as PORT=4000; was 'PORT 4002'",
                "/srv/.env line 3: expected NAME=value, such as PORT=4000; was '=4003'",
                "/srv/.env line 4: expected NAME=value, such as PORT=4000; was 'export'",
                "/srv/.env line 5: after the closing single quote only a # comment may follow; was 'local'"),
                file.problems());
        assertEquals(Map.of("PORT", "4001", "MAX_FILE_SIZE", "10MB"), file.variables());
    }

    @Test
    void aQuoteNeverClosedIsReportedAtTheLineThatOpensIt() {
        DotEnvFile file = parse("PORT=4001\nICE_SERVERS=\"[{\\\"urls\\\": \\\"stun:s\\\"}]\nHOST=127.0.0.1\n");
        assertEquals(List.of("/srv/.env line 2: the double quote that opens the value is never closed"), file.problems());
        assertEquals(Map.of("PORT", "4001"), file.variables());
    }

    @Test
    void aVariableSetTwiceTakesItsLastValueWithAWarningNamingBothLines() {
        DotEnvFile file = parse("PORT=4001\nHOST=::1\nPORT=4002\n");
        assertEquals("4002", file.variables().get("PORT"));
        assertEquals(List.of("/srv/.env line 3 sets PORT again; line 1's value is not used"), file.warnings());
    }

    @Test
    void namesOtherToolsAllowAreReadAndLeftToTheWarningsAboutUnknownNames() {
        assertEquals(Map.of("spring.profiles", "dev", "my-var", "1"), parse("spring.profiles=dev\nmy-var=1\n").variables());
    }

    @Test
    void aControlCharacterInAMalformedLineIsShownAsAnEscape() {
        assertTrue(parse("PORT\u0007\n").problems().get(0).endsWith("was 'PORT\\u0007'"));
    }
}
