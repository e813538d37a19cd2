package io.peershare.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link PeerShareConfig} refused when built: it carries the setting it is about, so that a host that reads settings
 * under names of its own (an environment variable, a Spring property) can say the message in those names, without
 * rewriting the text. {@link #getMessage()} names settings by {@link PeerShareSetting#key()}:
 * {@code heartbeatTimeout (PT20S) must be longer than heartbeatInterval (PT30S)}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The message as settings and text; each setting is named when the message is said. */
    private final transient List<Object> parts;
    private final transient List<PeerShareSetting<?>> settings;

    /** {@code parts}: {@link PeerShareSetting}s and text, the refused setting first. */
    InvalidSettingException(Object... parts) {
        this(List.of(parts));
    }

    private InvalidSettingException(List<Object> parts) {
        super(said(parts, PeerShareSetting::key));
        this.parts = parts;
        this.settings = parts.stream().filter(PeerShareSetting.class::isInstance)
                .<PeerShareSetting<?>>map(PeerShareSetting.class::cast).toList();
    }

    /** The setting that was refused. */
    public PeerShareSetting<?> setting() {
        return settings.get(0);
    }

    /** Every setting the message names, the refused one first: a rule between two settings names both. */
    public List<PeerShareSetting<?>> settings() {
        return settings;
    }

    /** The message with each setting named by {@code names}, such as {@code peershare.max-file-size}. */
    public String getMessage(Function<? super PeerShareSetting<?>, String> names) {
        Objects.requireNonNull(names, "names");
        return said(parts, names);
    }

    private static String said(List<Object> parts, Function<? super PeerShareSetting<?>, String> names) {
        StringBuilder message = new StringBuilder();
        for (Object part : parts) {
            message.append(part instanceof PeerShareSetting<?> setting ? names.apply(setting) : String.valueOf(part));
        }
        return message.toString();
    }
}
