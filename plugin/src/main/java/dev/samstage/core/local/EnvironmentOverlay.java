package dev.samstage.core.local;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a function's environment variables visible to its handler through
 * {@link System#getenv}, per invocation, inside the build's own JVM.
 *
 * <p>Why: handlers read their configuration with {@code System.getenv} (as Lambda intends),
 * and an in-JVM stage cannot start a process per function. The JDK keeps the environment
 * in an unmodifiable map wrapper; the overlay replaces the map inside that wrapper with a
 * view that answers from the variables of the invocation running on the current thread
 * (inherited by threads the handler starts) and from nothing else: like a Lambda, a
 * handler sees only its function's variables, never the build's (credentials, CI tokens).
 * Threads outside an invocation, and child processes, keep seeing the real environment.
 *
 * <p>The replacement needs deep reflection into {@code java.util}: it uses
 * {@code --add-opens java.base/java.util=ALL-UNNAMED} when the JVM has it, otherwise
 * {@code sun.misc.Unsafe}. When neither works (another JDK layout, a security policy),
 * {@link #install()} says why and the stage warns that handlers see the build's
 * environment only.
 */
final class EnvironmentOverlay {

    private static final InheritableThreadLocal<Map<String, String>> SCOPE = new InheritableThreadLocal<>();
    private static final String PROBE = "SAMSTAGE_ENVIRONMENT_OVERLAY_PROBE";
    private static Optional<String> installation;

    private EnvironmentOverlay() {
    }

    /**
     * {@link #install()}, saying in one warning line, when it cannot, that handlers will see the
     * build's environment and how to let them see only their own.
     */
    static void installOrWarn(dev.samstage.core.events.StageListener listener) {
        install().ifPresent(reason -> listener.on(dev.samstage.core.events.StageEvent.warn(
            "Handlers will see the build's environment, not their Environment.Variables, because " + reason
            + "; run Maven with MAVEN_OPTS=--add-opens=java.base/java.util=ALL-UNNAMED")));
    }

    /** Installs the overlay once per JVM; empty when it works, else the reason it cannot. */
    static synchronized Optional<String> install() {
        if (installation == null) {
            installation = tryInstall();
        }
        return installation;
    }

    /** Runs with {@code variables} as the whole environment on this thread. */
    static Scope enter(Map<String, String> variables) {
        Map<String, String> previous = SCOPE.get();
        SCOPE.set(Map.copyOf(variables));
        return () -> SCOPE.set(previous);
    }

    /** Ends an invocation's environment scope. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static Optional<String> tryInstall() {
        Map<String, String> wrapper = System.getenv();
        Field inner;
        try {
            inner = wrapper.getClass().getDeclaredField("m");
        } catch (NoSuchFieldException e) {
            return Optional.of("System.getenv() is a " + wrapper.getClass().getName() + " without an inner map");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> real = (Map<String, String>) read(wrapper, inner);
            write(wrapper, inner, new OverlayMap(real));
            // The wrapper keeps the key, entry and value views of the map it had when anyone
            // (a ProcessBuilder, a library) first asked for them: drop them so they are made anew.
            for (String view : List.of("keySet", "entrySet", "values")) {
                write(wrapper, wrapper.getClass().getDeclaredField(view), null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of("the JDK environment map cannot be replaced: " + e);
        }
        try (Scope ignored = enter(Map.of(PROBE, "1"))) {
            if (!"1".equals(System.getenv(PROBE)) || !System.getenv().keySet().equals(Set.of(PROBE))
                || System.getenv().entrySet().size() != 1) {
                return Optional.of("System.getenv() does not read the replaced map on this JDK");
            }
        }
        return Optional.empty();
    }

    private static Object read(Object owner, Field field) throws ReflectiveOperationException {
        if (field.trySetAccessible()) {
            return field.get(owner);
        }
        Object unsafe = unsafe();
        long offset = (long) unsafe.getClass().getMethod("objectFieldOffset", Field.class).invoke(unsafe, field);
        return unsafe.getClass().getMethod("getObjectVolatile", Object.class, long.class).invoke(unsafe, owner, offset);
    }

    private static void write(Object owner, Field field, Object value) throws ReflectiveOperationException {
        if (field.trySetAccessible()) {
            field.set(owner, value);
            return;
        }
        Object unsafe = unsafe();
        long offset = (long) unsafe.getClass().getMethod("objectFieldOffset", Field.class).invoke(unsafe, field);
        unsafe.getClass().getMethod("putObjectVolatile", Object.class, long.class, Object.class)
            .invoke(unsafe, owner, offset, value);
    }

    private static Object unsafe() throws ReflectiveOperationException {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return field.get(null);
    }

    /** The current invocation's variables inside an invocation, else the real environment. */
    private static final class OverlayMap extends AbstractMap<String, String> {

        private final Map<String, String> real;

        OverlayMap(Map<String, String> real) {
            this.real = real;
        }

        @Override
        public String get(Object key) {
            Map<String, String> scope = SCOPE.get();
            return scope != null ? scope.get(key) : real.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            Map<String, String> scope = SCOPE.get();
            return scope != null ? scope.containsKey(key) : real.containsKey(key);
        }

        /**
         * A view that looks up the current scope on every use: the JDK's unmodifiable
         * wrapper keeps the first entry set it gets, so a set of one invocation's variables
         * would otherwise show them to every later invocation.
         */
        @Override
        public Set<Entry<String, String>> entrySet() {
            return entries;
        }

        private final Set<Entry<String, String>> entries = new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return current().entrySet().iterator();
            }

            @Override
            public int size() {
                return current().size();
            }
        };

        private Map<String, String> current() {
            Map<String, String> scope = SCOPE.get();
            return scope == null ? real : scope;
        }
    }
}
