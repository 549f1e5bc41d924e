package dev.samstage.lambda.runtime.bridge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;

import java.util.List;

/**
 * The S3 event classes have no setters: the Lambda Java runtime builds them through their
 * constructors, with S3's property names ({@code Records}, {@code x-amz-request-id}, ...).
 * These mix-ins name the constructor parameters so Jackson does the same. Loaded only when the
 * function has {@code S3Event}; they link against the function's own events library.
 */
final class S3EventMixins {

    private S3EventMixins() {
    }

    static void register(ObjectMapper mapper) {
        mapper.addMixIn(S3Event.class, Event.class);
        mapper.addMixIn(S3EventNotification.S3EventNotificationRecord.class, Record.class);
        mapper.addMixIn(S3EventNotification.S3Entity.class, Entity.class);
        mapper.addMixIn(S3EventNotification.S3BucketEntity.class, Bucket.class);
        mapper.addMixIn(S3EventNotification.S3ObjectEntity.class, ObjectEntity.class);
        mapper.addMixIn(S3EventNotification.UserIdentityEntity.class, Identity.class);
        mapper.addMixIn(S3EventNotification.RequestParametersEntity.class, RequestParameters.class);
        mapper.addMixIn(S3EventNotification.ResponseElementsEntity.class, ResponseElements.class);
    }

    abstract static class Event {
        @JsonCreator
        Event(@JsonProperty("Records") List<S3EventNotification.S3EventNotificationRecord> records) {
        }
    }

    abstract static class Record {
        @JsonCreator
        Record(@JsonProperty("awsRegion") String awsRegion, @JsonProperty("eventName") String eventName,
               @JsonProperty("eventSource") String eventSource, @JsonProperty("eventTime") String eventTime,
               @JsonProperty("eventVersion") String eventVersion,
               @JsonProperty("requestParameters") S3EventNotification.RequestParametersEntity requestParameters,
               @JsonProperty("responseElements") S3EventNotification.ResponseElementsEntity responseElements,
               @JsonProperty("s3") S3EventNotification.S3Entity s3,
               @JsonProperty("userIdentity") S3EventNotification.UserIdentityEntity userIdentity) {
        }
    }

    abstract static class Entity {
        @JsonCreator
        Entity(@JsonProperty("configurationId") String configurationId,
               @JsonProperty("bucket") S3EventNotification.S3BucketEntity bucket,
               @JsonProperty("object") S3EventNotification.S3ObjectEntity object,
               @JsonProperty("s3SchemaVersion") String schemaVersion) {
        }
    }

    abstract static class Bucket {
        @JsonCreator
        Bucket(@JsonProperty("name") String name,
               @JsonProperty("ownerIdentity") S3EventNotification.UserIdentityEntity ownerIdentity,
               @JsonProperty("arn") String arn) {
        }
    }

    abstract static class ObjectEntity {
        @JsonCreator
        ObjectEntity(@JsonProperty("key") String key, @JsonProperty("size") Long size, @JsonProperty("eTag") String eTag,
                     @JsonProperty("versionId") String versionId, @JsonProperty("sequencer") String sequencer) {
        }
    }

    abstract static class Identity {
        @JsonCreator
        Identity(@JsonProperty("principalId") String principalId) {
        }
    }

    abstract static class RequestParameters {
        @JsonCreator
        RequestParameters(@JsonProperty("sourceIPAddress") String sourceIpAddress) {
        }
    }

    abstract static class ResponseElements {
        @JsonCreator
        ResponseElements(@JsonProperty("x-amz-id-2") String xAmzId2, @JsonProperty("x-amz-request-id") String xAmzRequestId) {
        }
    }
}
