package dev.samstage.core.traffic;

import java.util.List;

/**
 * What {@link DeploymentPreferenceWriter#apply} changed.
 *
 * @param functions       logical ids of the functions whose DeploymentPreference was written
 * @param generatedAlarms logical ids of the alarm resources added to the template
 * @param withoutAlias    logical ids of functions left alone because they have no AutoPublishAlias
 */
public record PreferenceReport(List<String> functions, List<String> generatedAlarms, List<String> withoutAlias) {

    public PreferenceReport {
        functions = List.copyOf(functions);
        generatedAlarms = List.copyOf(generatedAlarms);
        withoutAlias = List.copyOf(withoutAlias);
    }
}
