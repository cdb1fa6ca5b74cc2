package org.mnistablation.cache;

import java.util.List;

/**
 * A task notebook's record in the run cache ({@link TaskManifest}): its name (the notebook's file name) and the
 * settings it compared, in the order of its cells.
 */
public record RecordedTask(String name, List<Setting> settings) {

    public RecordedTask {
        settings = List.copyOf(settings);
    }

    /** The labels of its settings, in order. */
    public List<String> labels() {
        return settings.stream().map(Setting::label).toList();
    }

    /** The setting recorded under {@code label}, or null when there is none. */
    public Setting setting(String label) {
        return settings.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }
}
