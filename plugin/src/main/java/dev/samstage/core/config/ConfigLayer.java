package dev.samstage.core.config;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One source of a stage's settings (samconfig.toml, the pom's {@code <environment>}, the
 * {@code -D} properties) as a partial {@link Environment}: null, blank or empty means "not
 * set here". {@code origin} names where a field was written, for messages.
 *
 * @param values           the settings this source gives
 * @param origin           field name to a description of where it is set in this source
 * @param requiresApproval set explicitly here (a record's false cannot say "unset")
 * @param production       set explicitly here
 */
record ConfigLayer(Environment values, UnaryOperator<String> origin,
                   Optional<Boolean> requiresApproval, Optional<Boolean> production) {

    /** The pom's declaration: a true flag counts as set. */
    static ConfigLayer declared(Environment e) {
        return new ConfigLayer(e, field -> "<environment> " + e.name() + ": <" + field + ">",
                e.requiresApproval() ? Optional.of(true) : Optional.empty(),
                e.production() ? Optional.of(true) : Optional.empty());
    }
}
