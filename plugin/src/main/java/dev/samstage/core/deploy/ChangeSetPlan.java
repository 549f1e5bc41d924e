package dev.samstage.core.deploy;

import dev.samstage.core.template.Template;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * The change set a deployment asks for: its name (time and template digest, so a retried
 * request is recognised by its client token), CREATE or UPDATE, the capabilities the template
 * needs plus those the stage grants, tags (template configuration, then stage, then caller,
 * then the {@link DeploymentDigest} of all of it), parameters, and the template as a body or,
 * when the package step uploaded it, a URL.
 *
 * @param stackName    stack
 * @param name         change set name, also the client token
 * @param type         CREATE or UPDATE
 * @param capabilities acknowledged capabilities
 * @param tags         stack tags, {@link DeploymentDigest#TAG} included
 * @param parameters   parameter values
 * @param sha256       digest of the template, recorded in the description
 * @param templateBody the template text, when passed inline
 * @param templateUrl  the template's S3 URL, when passed by reference
 * @param roleArn      service role CloudFormation uses, if any
 * @param notificationArns SNS topics for stack events
 * @param deploymentDigest the digest of this deployment, also in {@code tags}
 */
record ChangeSetPlan(String stackName, String name, ChangeSetType type, List<String> capabilities, Map<String, String> tags,
                     List<Parameter> parameters, String sha256, Optional<String> templateBody, Optional<String> templateUrl,
                     Optional<String> roleArn, List<String> notificationArns, String deploymentDigest) {

    /** CloudFormation's limit for a TemplateBody. */
    static final long TEMPLATE_BODY_LIMIT = 51_200;
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    static ChangeSetPlan of(DeployRequest request, Template template, String templateText, Optional<String> templateUrl,
                            String sha256, ChangeSetType type, List<Parameter> parameters,
                            Map<String, String> effectiveParameters, TemplateConfiguration configuration, Instant now) {
        Set<String> capabilities = new LinkedHashSet<>(TemplateCapabilities.of(template));
        capabilities.addAll(request.env().capabilities());
        Map<String, String> tags = new LinkedHashMap<>(configuration.tags());
        tags.putAll(request.env().tags());
        tags.putAll(request.extraTags());
        tags.remove(DeploymentDigest.TAG);
        if (templateUrl.isEmpty() && templateText.getBytes(StandardCharsets.UTF_8).length > TEMPLATE_BODY_LIMIT) {
            throw new DeployException("The packaged template " + request.packagedTemplate() + " is over CloudFormation's "
                    + TEMPLATE_BODY_LIMIT + "-byte TemplateBody limit and was not uploaded; package it with an artifact "
                    + "bucket so that it is deployed from S3.");
        }
        List<String> granted = List.copyOf(capabilities);
        String digest = DeploymentDigest.of(sha256, effectiveParameters, tags, granted, request.env().notificationArns(),
                request.env().cloudFormationRole(), configuration.stackPolicy());
        tags.put(DeploymentDigest.TAG, digest);
        return new ChangeSetPlan(request.env().stackName(), "samstage-" + NAME_TIME.format(now) + "-" + sha256.substring(0, 12),
                type, granted, tags, parameters, sha256,
                templateUrl.isPresent() ? Optional.empty() : Optional.of(templateText), templateUrl,
                request.env().cloudFormationRole(), request.env().notificationArns(), digest);
    }

    CreateChangeSetRequest toRequest() {
        CreateChangeSetRequest.Builder b = CreateChangeSetRequest.builder()
                .stackName(stackName)
                .changeSetName(name)
                .changeSetType(type)
                .description(TemplateDigest.description(sha256))
                .parameters(parameters)
                .capabilitiesWithStrings(capabilities)
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                .notificationARNs(notificationArns)
                .clientToken(name);
        roleArn.ifPresent(b::roleARN);
        templateBody.ifPresent(b::templateBody);
        templateUrl.ifPresent(b::templateURL);
        return b.build();
    }
}
