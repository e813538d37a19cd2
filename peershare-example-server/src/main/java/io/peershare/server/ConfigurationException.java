package io.peershare.server;

import java.util.List;

/**
 * The server's settings are refused: every problem found, one line each, so that an operator fixes them all in one
 * round instead of one per start. An {@link IllegalArgumentException}, as a host's misuse of its configuration is;
 * its message is the problems, a line each.
 */
public final class ConfigurationException extends IllegalArgumentException {

    private final List<String> problems;

    ConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration is refused for at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each problem in the user's words, naming the variable (or the {@code .env} line) it is about. */
    public List<String> problems() {
        return problems;
    }
}
