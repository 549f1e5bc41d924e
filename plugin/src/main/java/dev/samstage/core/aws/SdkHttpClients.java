package dev.samstage.core.aws;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP clients shared by a root {@link AwsClientFactory} and every factory derived from
 * it, each built on first use: Apache's pooled client for S3's bulk transfers (parallel
 * multipart uploads) and the JDK's {@code HttpURLConnection} for the small control-plane calls
 * (STS, CloudFormation, CodeDeploy, ...). A goal that never touches S3 then never loads
 * Apache's client (a few hundred classes, a measurable share of a no-op deploy's start-up).
 * Reference-counted: the clients close when the last factory sharing them closes, whatever
 * the order.
 */
final class SdkHttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final AtomicInteger users = new AtomicInteger(1);
    private SdkHttpClient transfer;
    private CompletableFuture<SdkHttpClient> control;
    private boolean closed;

    /** One more factory shares these clients; it must {@link #release} them. */
    SdkHttpClients share() {
        if (users.getAndIncrement() <= 0) {
            throw new IllegalStateException("the HTTP clients are closed");
        }
        return this;
    }

    /** The pooled client for S3 (and the REST APIs, whose PATCH the JDK's client cannot send). */
    synchronized SdkHttpClient transfer() {
        checkOpen();
        if (transfer == null) {
            transfer = ApacheHttpClient.builder()
                    .maxConnections(64)
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build();
        }
        return transfer;
    }

    /**
     * The client for the query- and JSON-protocol services, whose calls are all POSTs of a few
     * kilobytes. Proxies are taken from system properties and then environment variables, as
     * the Apache client does by default.
     */
    SdkHttpClient control() {
        CompletableFuture<SdkHttpClient> client;
        synchronized (this) {
            checkOpen();
            if (control == null) {
                control = CompletableFuture.completedFuture(buildControl());
            }
            client = control;
        }
        return client.join();
    }

    /**
     * Starts building the control-plane client in the background, for a caller that will
     * certainly need it and has other work first: building it loads the JDK's trust store
     * (parsing its CA certificates), the largest single item of a no-op deploy's own start-up.
     */
    synchronized void prepareControl() {
        if (!closed && control == null) {
            control = CompletableFuture.supplyAsync(SdkHttpClients::buildControl, runnable -> {
                Thread thread = new Thread(runnable, "samstage-http-start");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    private static SdkHttpClient buildControl() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .proxyConfiguration(ProxyConfiguration.builder()
                        .useSystemPropertyValues(true)
                        .useEnvironmentVariablesValues(true)
                        .build())
                .build();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the HTTP clients are closed");
        }
    }

    /** One factory is done with the clients; the last one closes them. */
    void release() {
        if (users.decrementAndGet() == 0) {
            synchronized (this) {
                closed = true;
                if (transfer != null) {
                    transfer.close();
                }
                if (control != null) {
                    control.thenAccept(SdkHttpClient::close);
                }
            }
        }
    }
}
