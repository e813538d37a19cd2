package io.peershare.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Node and a folder's npm packages, for tests that run a real third-party client in Node: the test is skipped, saying
 * so, without {@code node} (or without {@code npm} when the packages are not installed yet); the packages are installed
 * from the folder's lock file on first use.
 */
public final class NodePackages {

    private NodePackages() {
    }

    /** Skips the calling test unless {@code node} is on the path. */
    public static void requireNode(String why) {
        assumeTrue(onPath("node"), "node is not installed: " + why + " need Node 18 or later");
    }

    /** {@code folder}, with its {@code package-lock.json}'s packages installed ({@code npm ci}) if they are not yet. */
    public static Path installed(Path folder) throws Exception {
        if (!Files.isDirectory(folder.resolve("node_modules"))) {
            assumeTrue(onPath("npm"), "npm is not installed: it installs the packages of " + folder);
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(folder.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(install.waitFor(180, TimeUnit.SECONDS), "npm ci finished");
            assertEquals(0, install.exitValue(), () -> "npm ci failed in " + folder + ":\n" + output);
        }
        return folder;
    }

    /** Whether {@code command} is an executable on the {@code PATH}. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
