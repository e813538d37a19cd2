package io.peershare.browser;

import io.peershare.testkit.NodePackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core from npm, unmodified, run inside the page in real Chromium. The exact version is pinned in
 * {@code src/test/axe/package.json} and its lock file; it is installed there with {@code npm ci} on first use
 * (npm fetches the package only: no browser is downloaded).
 */
final class Axe {

    static final Path DIR = Path.of("src", "test", "axe");
    private static final Path SCRIPT_IN_PACKAGES = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final Path SCRIPT = DIR.resolve(SCRIPT_IN_PACKAGES);

    /** Impacts that fail a test. Moderate and minor findings are printed only. */
    static final List<String> FAILING = List.of("serious", "critical");

    private static String source;

    private Axe() {
    }

    /** Why axe cannot run here, or {@code null} when it can (installed already, or npm is there to install it). */
    static String missingReason() {
        if (Files.isRegularFile(SCRIPT) || NodePackages.onPath("npm")) {
            return null;
        }
        return "npm is not installed: it installs axe-core for the accessibility check (apt-get install -y npm)";
    }

    /** axe.min.js, installed with {@code npm ci} from the lock file if it is not there yet. */
    static synchronized String source() throws Exception {
        if (source == null) {
            source = Files.readString(NodePackages.installed(DIR).resolve(SCRIPT_IN_PACKAGES));
        }
        return source;
    }

    /** One finding: the rule, its impact, what it asks for, and where on the page. */
    record Violation(String rule, String impact, String help, List<String> where) {

        boolean failing() {
            return FAILING.contains(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + ": " + help + "\n      " + String.join("\n      ", where);
        }
    }

    /** Runs every axe rule (WCAG 2.x A and AA, and best practices) on the page as it is now. */
    @SuppressWarnings("unchecked")
    static List<Violation> check(Browser browser) throws Exception {
        if (Boolean.FALSE.equals(browser.script("return typeof window.axe === 'object';"))) {
            browser.script(source());
        }
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations.map((v) => ({
                  rule: v.id, impact: v.impact || 'unknown', help: v.help,
                  where: v.nodes.map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
                })))).catch((e) => done('ERROR ' + e));
                """);
        if (result instanceof String error) {
            throw new AssertionError("axe did not run: " + error);
        }
        List<Violation> violations = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            violations.add(new Violation((String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
                    (List<String>) v.get("where")));
        }
        return violations;
    }

}
