package dev.samstage.testing.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy for tests that sits between AWS SDK clients and the local AWS and injects,
 * per request and at the rates of its {@link FaultPlan}, the failures real AWS endpoints show:
 * throttling, 500s, connection resets (before or after the service saw the request) and slow
 * answers. Point a client's endpoint override at {@link #endpoint()}.
 *
 * <p>Plain sockets and HTTP/1.1 only (the SDK's Apache client over {@code http://}); every
 * request is recorded as an {@link Exchange}, so tests can count what reached the service.</p>
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private FaultPlan plan;
    private Random random;
    private int injected;

    private FaultInjectingProxy(ServerSocket server, URI upstream, FaultPlan plan) {
        this.server = server;
        this.upstream = upstream;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        plan(plan);
    }

    /** A proxy on a free local port forwarding to {@code upstream} (e.g. the local AWS endpoint). */
    public static FaultInjectingProxy start(URI upstream, FaultPlan plan) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FaultInjectingProxy proxy = new FaultInjectingProxy(server, upstream, plan);
            proxy.workers.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port for the fault proxy", e);
        }
    }

    /** Where clients should send their requests: {@code http://localhost:<port>}. */
    public URI endpoint() {
        return URI.create("http://localhost:" + server.getLocalPort());
    }

    /** Replaces the fault plan; the random draws restart from its seed. */
    public synchronized void plan(FaultPlan next) {
        this.plan = next;
        this.random = new Random(next.seed());
        this.injected = 0;
    }

    /** Every request seen since start or the last {@link #clearExchanges()}, in arrival order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public void clearExchanges() {
        exchanges.clear();
    }

    private synchronized Optional<Fault> draw(HttpMessage request) {
        Optional<Fault> fault = plan.draw(random, request.method(), Exchange.of(request, Optional.empty(), -1).operation(),
                injected);
        if (fault.isPresent()) {
            injected++;
        }
        return fault;
    }

    private synchronized long slowDelayMillis() {
        long max = plan.slowDelay().toMillis();
        return max <= 0 ? 0 : max / 2 + (long) (random.nextDouble() * (max - max / 2));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                Optional<HttpMessage> next = HttpMessage.readRequest(in, out);
                if (next.isEmpty()) {
                    return;
                }
                HttpMessage request = next.get();
                Optional<Fault> fault = draw(request);
                if (!handle(request, fault, client, out)) {
                    return;
                }
                if (request.header("Connection").filter(v -> v.equalsIgnoreCase("close")).isPresent()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or was reset on purpose
        } finally {
            open.remove(client);
        }
    }

    /** Answers one request; returns false when the connection is gone. */
    private boolean handle(HttpMessage request, Optional<Fault> fault, Socket client, OutputStream out) throws IOException {
        Fault f = fault.orElse(null);
        if (f == Fault.THROTTLE || f == Fault.SERVER_ERROR) {
            exchanges.add(Exchange.of(request, fault, -1));
            WireProtocol.Answer answer = WireProtocol.of(request).answer(f, "HEAD".equals(request.method()));
            HttpMessage.write(out, "HTTP/1.1 " + answer.status() + " " + answer.reason(), answer.headersWithLength(),
                    answer.body());
            return true;
        }
        if (f == Fault.RESET_BEFORE) {
            exchanges.add(Exchange.of(request, fault, -1));
            reset(client);
            return false;
        }
        if (f == Fault.SLOW) {
            sleep(slowDelayMillis());
        }
        HttpMessage response = forward(request);
        exchanges.add(Exchange.of(request, fault, response.status()));
        if (f == Fault.RESET_AFTER) {
            reset(client);
            return false;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(response.endToEndHeaders());
        String length = "HEAD".equals(request.method())
                ? response.header("Content-Length").orElse("0") : Integer.toString(response.body().length);
        headers.add(Map.entry("Content-Length", length));
        HttpMessage.write(out, response.startLine(), headers, response.body());
        return true;
    }

    /** Sends the request to the local AWS on a fresh connection and reads the whole answer. */
    private HttpMessage forward(HttpMessage request) throws IOException {
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
            List<Map.Entry<String, String>> headers = new ArrayList<>(request.endToEndHeaders());
            headers.add(Map.entry("Content-Length", Integer.toString(request.body().length)));
            headers.add(Map.entry("Connection", "close"));
            OutputStream up = new BufferedOutputStream(socket.getOutputStream());
            HttpMessage.write(up, request.startLine(), headers, request.body());
            return HttpMessage.readResponse(new BufferedInputStream(socket.getInputStream()), request.method());
        }
    }

    /** Closes with SO_LINGER 0, so the client sees a TCP reset rather than a clean end of stream. */
    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
            client.close();
        } catch (SocketException e) {
            // already gone
        } catch (IOException e) {
            // already gone
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FaultInjectingProxy::reset);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "FaultInjectingProxy[" + endpoint() + " -> " + upstream + "]";
    }
}
