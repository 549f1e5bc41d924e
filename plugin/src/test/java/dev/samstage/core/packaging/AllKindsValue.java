package dev.samstage.core.packaging;

import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateScalar;

/** Reads a property of a packaged template in the tests. */
final class AllKindsValue {

    private AllKindsValue() {
    }

    static String scalar(PackageResult result, String resource, String property) {
        Template packaged = Template.read(result.packagedTemplate());
        return ((TemplateScalar) packaged.resource(resource).orElseThrow().property(property).orElseThrow()).text();
    }
}
