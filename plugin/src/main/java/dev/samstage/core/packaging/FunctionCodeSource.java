package dev.samstage.core.packaging;

import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.Optional;

/**
 * Decides where an {@code AWS::Serverless::Function}'s code comes from before its properties
 * are packaged: image functions are refused (not silently skipped), inline code needs nothing,
 * and a function with no {@code CodeUri} of its own or in {@code Globals} runs the project's
 * own build.
 */
final class FunctionCodeSource {

    private FunctionCodeSource() {
    }

    /**
     * The site to package the project's Java build for, when the function names no code at all.
     *
     * @throws PackagingException for image functions
     */
    static Optional<PropertySite> check(TemplateResource function, String template, boolean globalCodeUri) {
        String type = "AWS::Serverless::Function";
        Optional<String> imageUri = function.property("ImageUri").map(FunctionCodeSource::text);
        Optional<String> packageType = function.property("PackageType").map(FunctionCodeSource::text);
        if (imageUri.isPresent() || packageType.filter("Image"::equals).isPresent()) {
            PropertySite site = imageUri.isPresent()
                    ? new PropertySite(template, function.logicalId(), type, "ImageUri", imageUri.get())
                    : new PropertySite(template, function.logicalId(), type, "PackageType", "Image");
            throw site.fail("container image functions are not supported yet",
                    "package this function as a Zip function (CodeUri) or push the image and deploy it without samstage");
        }
        if (function.property("CodeUri").isPresent() || function.property("InlineCode").isPresent() || globalCodeUri) {
            return Optional.empty();
        }
        return Optional.of(new PropertySite(template, function.logicalId(), type, "CodeUri", "(absent)"));
    }

    private static String text(dev.samstage.core.template.TemplateNode node) {
        return node instanceof TemplateScalar scalar ? scalar.text() : node.toString();
    }
}
