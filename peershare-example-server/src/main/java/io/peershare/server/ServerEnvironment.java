package io.peershare.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server is started with: the process's environment over the variables of a {@code .env} file in its
 * working directory, and what looks wrong in them. Immutable.
 *
 * <pre>{@code
 * ServerEnvironment environment = ServerEnvironment.read(Path.of(""), System.getenv());
 * environment.warnings().forEach(log::warning);
 * ServerConfig config = environment.config(); // throws ConfigurationException listing every problem
 * }</pre>
 */
final class ServerEnvironment {

    private final DotEnvFile file;
    private final Map<String, String> variables;
    private final List<String> warnings;

    private ServerEnvironment(DotEnvFile file, Map<String, String> variables, List<String> warnings) {
        this.file = file;
        this.variables = Map.copyOf(variables);
        this.warnings = List.copyOf(warnings);
    }

    /** {@code environment} over the {@code .env} file in {@code directory}, if there is one. */
    static ServerEnvironment read(Path directory, Map<String, String> environment) {
        DotEnvFile file = DotEnvFile.read(directory.resolve(".env"));
        Map<String, String> variables = new HashMap<>(file.variables());
        variables.putAll(environment);
        List<String> warnings = new ArrayList<>(file.warnings());
        warnings.addAll(UnknownSettingNames.warnings(EnvironmentSettings.ALL.stream().map(Setting::name).toList(), file,
                environment));
        return new ServerEnvironment(file, variables, warnings);
    }

    /**
     * Names that look meant for the server but are not settings, and variables a {@code .env} file sets twice: one
     * line each, for the log at start-up.
     */
    List<String> warnings() {
        return warnings;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException listing the {@code .env} file's unreadable lines, then every bad value, one
     *                                line each
     */
    ServerConfig config() {
        List<String> problems = new ArrayList<>(file.problems());
        try {
            ServerConfig config = EnvironmentSettings.read(variables);
            if (problems.isEmpty()) {
                return config;
            }
        } catch (ConfigurationException refused) {
            problems.addAll(refused.problems());
        }
        throw new ConfigurationException(problems);
    }
}
