package dev.samstage.core.packaging;

import java.net.URI;
import java.util.Objects;

/**
 * The HTTP URL of an S3 object, as CloudFormation reads a {@code TemplateURL}: the regional
 * path-style endpoint on AWS, or the endpoint override (a local emulator) followed by
 * {@code /bucket/key}.
 */
record S3ObjectUrls(String region, URI endpoint) {

    S3ObjectUrls {
        Objects.requireNonNull(region, "region");
    }

    String objectUrl(String bucket, String key) {
        if (endpoint != null) {
            String base = endpoint.toString().replaceAll("/+$", "");
            // emulators serve path-style URLs on a loopback IP as if the IP's first label were a bucket
            base = base.replace("://127.0.0.1", "://localhost");
            return base + "/" + bucket + "/" + key;
        }
        String host = "us-east-1".equals(region) ? "s3.amazonaws.com" : "s3." + region + ".amazonaws.com";
        if (region.startsWith("cn-")) {
            host += ".cn";
        }
        return "https://" + host + "/" + bucket + "/" + key;
    }
}
