package dev.samstage.core.deploy;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Makes a template packaged into the primary region's bucket deployable in another region,
 * as CodePipeline's cross-region actions do with their per-region artifact stores: Lambda
 * and most services read code only from a bucket in their own region. Every reference to the
 * primary bucket ({@code s3://bucket/key}, {@code {S3Bucket, S3Key}} / {@code {Bucket, Key}}
 * maps, and template URLs) is pointed at the region's bucket; the objects are copied there
 * when missing, and nested templates are rewritten the same way before they are uploaded.
 */
final class RegionalArtifacts {

    private static final List<String[]> BUCKET_KEY_FIELDS = List.of(new String[] {"S3Bucket", "S3Key"}, new String[] {"Bucket", "Key"});

    private final S3Client primary;
    private final S3Client regional;
    private final String fromBucket;
    private final String toBucket;
    private final String toRegion;
    private final Optional<String> kmsKeyId;
    private final StageListener listener;
    private final Pattern url;
    private final Set<String> copied = new LinkedHashSet<>();

    RegionalArtifacts(S3Client primary, S3Client regional, String fromBucket, String toBucket, String toRegion,
                      Optional<String> kmsKeyId, StageListener listener) {
        this.primary = primary;
        this.regional = regional;
        this.fromBucket = fromBucket;
        this.toBucket = toBucket;
        this.toRegion = toRegion;
        this.kmsKeyId = kmsKeyId;
        this.listener = listener;
        // path-style URLs (https://s3.<region>.amazonaws.com/<bucket>/<key>, or an emulator's host)
        this.url = Pattern.compile("(https?://)([^/]+)/" + Pattern.quote(fromBucket) + "/(.+)");
    }

    /** The template text for this region; copies what it refers to into the region's bucket. */
    String rewrite(String text, TemplateFormat format, String sourceName) {
        Template template = Template.parse(text, format, sourceName);
        rewrite(template.root());
        return template.render();
    }

    /** The template URL for this region, with the regional template uploaded there. */
    String rewriteTemplateUrl(String templateUrl, String regionalText) {
        Matcher m = url.matcher(templateUrl);
        if (!m.matches()) {
            throw new DeployException("The packaged template URL " + templateUrl + " is not in bucket " + fromBucket
                    + "; package the stage again so that every region's copy can be made.");
        }
        put(m.group(3), regionalText.getBytes(StandardCharsets.UTF_8));
        return m.group(1) + regionalHost(m.group(2)) + "/" + toBucket + "/" + m.group(3);
    }

    int copiedObjects() {
        return copied.size();
    }

    private void rewrite(TemplateNode node) {
        if (node instanceof TemplateMap map) {
            for (String[] fields : BUCKET_KEY_FIELDS) {
                Optional<String> bucket = map.getString(fields[0]);
                Optional<String> key = map.getString(fields[1]);
                if (bucket.filter(fromBucket::equals).isPresent() && key.isPresent()) {
                    copy(key.get());
                    map.put(fields[0], TemplateScalar.string(toBucket));
                }
            }
            for (Map.Entry<String, TemplateNode> e : map.entries().entrySet()) {
                Optional<String> replaced = replacement(e.getValue());
                if (replaced.isPresent()) {
                    map.put(e.getKey(), TemplateScalar.string(replaced.get()));
                } else {
                    rewrite(e.getValue());
                }
            }
        } else if (node instanceof TemplateList list) {
            List<TemplateNode> items = list.items();
            for (int i = 0; i < items.size(); i++) {
                Optional<String> replaced = replacement(items.get(i));
                if (replaced.isPresent()) {
                    items.set(i, TemplateScalar.string(replaced.get()));
                } else {
                    rewrite(items.get(i));
                }
            }
        } else if (node instanceof TemplateIntrinsic intrinsic) {
            Optional<String> replaced = replacement(intrinsic.argument());
            if (replaced.isPresent()) {
                intrinsic.setArgument(TemplateScalar.string(replaced.get()));
            } else {
                rewrite(intrinsic.argument());
            }
        }
    }

    private Optional<String> replacement(TemplateNode node) {
        if (!(node instanceof TemplateScalar scalar) || scalar.kind() != TemplateScalar.Kind.STRING) {
            return Optional.empty();
        }
        String text = scalar.text();
        String s3 = "s3://" + fromBucket + "/";
        if (text.startsWith(s3)) {
            copy(text.substring(s3.length()));
            return Optional.of("s3://" + toBucket + "/" + text.substring(s3.length()));
        }
        Matcher m = url.matcher(text);
        if (m.matches()) {
            String key = m.group(3);
            byte[] nested = primary.getObjectAsBytes(r -> r.bucket(fromBucket).key(key)).asByteArray();
            String regionalNested = rewrite(new String(nested, StandardCharsets.UTF_8),
                    key.endsWith(".json") ? TemplateFormat.JSON : TemplateFormat.YAML, text);
            put(key, regionalNested.getBytes(StandardCharsets.UTF_8));
            return Optional.of(m.group(1) + regionalHost(m.group(2)) + "/" + toBucket + "/" + key);
        }
        return Optional.empty();
    }

    private String regionalHost(String host) {
        if (host.equals("s3.amazonaws.com") || host.matches("s3[.-][a-z0-9-]+\\.amazonaws\\.com(\\.cn)?")) {
            return "s3." + toRegion + ".amazonaws.com" + (host.endsWith(".cn") ? ".cn" : "");
        }
        return host; // an emulator's endpoint serves every region
    }

    private void copy(String key) {
        if (!copied.add(key) || exists(key)) {
            return;
        }
        try {
            regional.copyObject(r -> {
                r.sourceBucket(fromBucket).sourceKey(key).destinationBucket(toBucket).destinationKey(key);
                kmsKeyId.ifPresent(k -> r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
            });
        } catch (S3Exception e) {
            throw new DeployException("Cannot copy s3://" + fromBucket + "/" + key + " to s3://" + toBucket + "/" + key
                    + " for " + toRegion + " (" + e.awsErrorDetails().errorMessage() + "); check that the bucket exists in "
                    + toRegion + " and that the stage role may write to it.", e);
        }
        listener.on(StageEvent.debug("Copied s3://" + fromBucket + "/" + key + " to s3://" + toBucket + " for " + toRegion + "."));
    }

    private void put(String key, byte[] content) {
        regional.putObject(r -> {
            r.bucket(toBucket).key(key);
            kmsKeyId.ifPresent(k -> r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k));
        }, RequestBody.fromBytes(content));
        copied.add(key);
    }

    private boolean exists(String key) {
        try {
            regional.headObject(r -> r.bucket(toBucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
