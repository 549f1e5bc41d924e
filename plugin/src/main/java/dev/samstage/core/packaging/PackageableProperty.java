package dev.samstage.core.packaging;

import java.util.List;
import java.util.Objects;

/**
 * A resource property that may name a local artifact, as {@code sam package} and
 * {@code aws cloudformation package} know them.
 *
 * @param resourceType the CloudFormation or SAM resource type
 * @param path         property path below {@code Properties}; {@code *} matches every key of a map
 * @param form         what the local value may be
 * @param reference    what replaces it
 */
public record PackageableProperty(String resourceType, List<String> path, ArtifactForm form, ReferenceForm reference) {

    public PackageableProperty {
        Objects.requireNonNull(resourceType, "resourceType");
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path must name a property");
        }
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(reference, "reference");
    }

    /** The property path as written in messages and the manifest, e.g. {@code Command.ScriptLocation}. */
    public String name() {
        return String.join(".", path);
    }

    /** Every packageable property, in the order SAM CLI lists them. */
    public static final List<PackageableProperty> ALL = List.of(
            of("AWS::Serverless::Function", "CodeUri", ArtifactForm.ARCHIVE, ReferenceForm.S3_URI),
            of("AWS::Serverless::LayerVersion", "ContentUri", ArtifactForm.ARCHIVE, ReferenceForm.S3_URI),
            of("AWS::Serverless::Api", "DefinitionUri", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Serverless::HttpApi", "DefinitionUri", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Serverless::StateMachine", "DefinitionUri", ArtifactForm.FILE, ReferenceForm.BUCKET_KEY),
            of("AWS::Serverless::Application", "Location", ArtifactForm.TEMPLATE, ReferenceForm.URL),
            of("AWS::Serverless::GraphQLApi", "SchemaUri", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Serverless::GraphQLApi", "Resolvers.*.*.CodeUri", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Serverless::GraphQLApi", "Functions.*.CodeUri", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Lambda::Function", "Code", ArtifactForm.ARCHIVE, ReferenceForm.S3_BUCKET_KEY),
            of("AWS::Lambda::LayerVersion", "Content", ArtifactForm.ARCHIVE, ReferenceForm.S3_BUCKET_KEY),
            of("AWS::ApiGateway::RestApi", "BodyS3Location", ArtifactForm.FILE, ReferenceForm.BUCKET_KEY),
            of("AWS::ApiGatewayV2::Api", "BodyS3Location", ArtifactForm.FILE, ReferenceForm.BUCKET_KEY),
            of("AWS::StepFunctions::StateMachine", "DefinitionS3Location", ArtifactForm.FILE, ReferenceForm.BUCKET_KEY),
            of("AWS::AppSync::GraphQLSchema", "DefinitionS3Location", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::AppSync::Resolver", "RequestMappingTemplateS3Location", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::AppSync::Resolver", "ResponseMappingTemplateS3Location", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::AppSync::Resolver", "CodeS3Location", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::AppSync::FunctionConfiguration", "RequestMappingTemplateS3Location", ArtifactForm.FILE,
                    ReferenceForm.S3_URI),
            of("AWS::AppSync::FunctionConfiguration", "ResponseMappingTemplateS3Location", ArtifactForm.FILE,
                    ReferenceForm.S3_URI),
            of("AWS::AppSync::FunctionConfiguration", "CodeS3Location", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::Glue::Job", "Command.ScriptLocation", ArtifactForm.FILE, ReferenceForm.S3_URI),
            of("AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle", ArtifactForm.ARCHIVE,
                    ReferenceForm.S3_BUCKET_KEY),
            of("AWS::CloudFormation::Stack", "TemplateURL", ArtifactForm.TEMPLATE, ReferenceForm.URL),
            of("AWS::CloudFormation::ModuleVersion", "ModulePackage", ArtifactForm.ARCHIVE, ReferenceForm.S3_URI),
            of("AWS::CloudFormation::ResourceVersion", "SchemaHandlerPackage", ArtifactForm.ARCHIVE,
                    ReferenceForm.S3_URI));

    /** {@code Fn::Transform} of {@code AWS::Include}, wherever it appears: its {@code Parameters.Location}. */
    public static final PackageableProperty INCLUDE_LOCATION =
            of("AWS::Include", "Parameters.Location", ArtifactForm.FILE, ReferenceForm.S3_URI);

    /** {@code Globals.Function.CodeUri}, inherited by functions that have none. */
    public static final PackageableProperty GLOBAL_CODE_URI =
            of("Globals.Function", "CodeUri", ArtifactForm.ARCHIVE, ReferenceForm.S3_URI);

    /** The packageable properties of one resource type. */
    public static List<PackageableProperty> of(String resourceType) {
        return ALL.stream().filter(p -> p.resourceType.equals(resourceType)).toList();
    }

    private static PackageableProperty of(String type, String path, ArtifactForm form, ReferenceForm reference) {
        return new PackageableProperty(type, List.of(path.split("\\.")), form, reference);
    }

    /** Whether a local value of this property is the code of a Lambda function (Java-aware). */
    public boolean functionCode() {
        return path.equals(List.of("CodeUri")) && resourceType.equals("AWS::Serverless::Function")
                || path.equals(List.of("Code")) && resourceType.equals("AWS::Lambda::Function")
                || this.equals(GLOBAL_CODE_URI);
    }
}
