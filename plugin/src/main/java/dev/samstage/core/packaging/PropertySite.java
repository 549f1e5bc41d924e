package dev.samstage.core.packaging;

/**
 * Where a packageable value sits, for messages and the manifest.
 *
 * @param template the template file, relative to the project directory
 * @param resource the resource's logical id (or {@code Globals.Function}, or the section holding an include)
 * @param type     the resource type, or empty outside Resources
 * @param property the property path with the actual map keys, e.g. {@code Resolvers.Query.getPost.CodeUri}
 * @param value    the value as written
 */
record PropertySite(String template, String resource, String type, String property, String value) {

    /** A one-line failure: which resource, property and value, what is wrong, what to do. */
    PackagingException fail(String problem, String nextStep) {
        String where = type.isEmpty() ? resource : resource + " (" + type + ")";
        return new PackagingException(template + ": " + where + " property " + property + " = '" + value + "': "
                + problem + "; " + nextStep + ".");
    }
}
