package io.peershare.server;

import io.peershare.config.PeerShareSetting;
import java.util.Optional;

/** The reference server's table of variables, opened to {@code SettingsInEveryFrontEndTest} (its classes are package-private). */
public final class EnvironmentTable {

    private EnvironmentTable() {
    }

    /** The variable that sets {@code setting}, if the table has one. */
    public static Optional<String> variableOf(PeerShareSetting<?> setting) {
        return entryOf(setting).map(Setting::name);
    }

    /** Whether some variable sets {@code setting}. */
    public static boolean offers(PeerShareSetting<?> setting) {
        return entryOf(setting).isPresent();
    }

    /** The variable's default as the table, and so docs/operations.md, shows it. */
    public static String shownDefault(PeerShareSetting<?> setting) {
        return entryOf(setting).orElseThrow().defaultValue();
    }

    /** {@code value} as the variable that sets {@code setting} is written. */
    @SuppressWarnings("unchecked")
    public static <T> String written(PeerShareSetting<T> setting, T value) {
        return ((Setting<T>) entryOf(setting).orElseThrow()).format().written(value);
    }

    /** A value the variable that sets {@code setting} refuses. */
    public static String refused(PeerShareSetting<?> setting) {
        return entryOf(setting).orElseThrow().format().refused();
    }

    private static Optional<Setting<?>> entryOf(PeerShareSetting<?> setting) {
        return EnvironmentSettings.ALL.stream().filter(s -> s.engine() == setting).findFirst();
    }
}
