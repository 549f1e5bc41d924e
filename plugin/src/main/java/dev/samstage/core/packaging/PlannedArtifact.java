package dev.samstage.core.packaging;

/**
 * One packaged property, planned before any upload: where it sits, what it packages, and the
 * content-addressed location that already replaced it in the template.
 */
record PlannedArtifact(PropertySite site, String localPath, ArtifactPayload payload, ArtifactLocation location) {
}
