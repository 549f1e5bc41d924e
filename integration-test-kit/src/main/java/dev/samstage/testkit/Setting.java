package dev.samstage.testkit;

/**
 * One configuration value and where it came from (for messages: never print a secret's value).
 *
 * @param key the {@code samstage.*} key it stands for
 * @param value the value, never blank
 * @param source e.g. {@code environment variable SAMSTAGE_ENDPOINT}
 */
record Setting(String key, String value, String source) {

    /** {@code key=value (from source)}, for messages about non-secret values. */
    String describe() {
        return key + "=" + value + " (from " + source + ")";
    }

    /** Leaves the value out: it may be a secret. */
    @Override
    public String toString() {
        return "Setting[" + key + " from " + source + "]";
    }
}
