package dev.samstage.lambda.runtime.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.lambda.runtime.HandlerMethod;
import dev.samstage.lambda.runtime.LambdaContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.function.BiFunction;

/**
 * Invokes one Lambda handler from inside the function's isolated class loader.
 *
 * <p>This class is defined by {@code BridgeClassLoader} next to the function's code, so
 * every type it names (Jackson, the handler, {@code Context}) resolves to the function's
 * own versions, exactly as in the Lambda Java runtime. The emulator talks to it only
 * through JDK types and {@link LambdaContext} (which names no other type, so the runtime's copy
 * serves every function): it is a {@code BiFunction} from the event JSON and the invocation's
 * context to the response JSON.
 *
 * <p>The handler object is created on the first call (Lambda's cold start), inside the
 * invocation's environment scope, so constructors that read {@code System.getenv} see the
 * function's variables.
 */
public final class HandlerBridge implements BiFunction<byte[], LambdaContext, byte[]>, Runnable {

    private final String handler;
    private final ClassLoader loader;
    private final ObjectMapper mapper = LambdaObjectMapper.create();
    private volatile ObjectMapper eventMapper;
    private volatile HandlerMethod method;

    public HandlerBridge(String handler, ClassLoader loader) {
        this.handler = handler;
        this.loader = loader;
    }

    /** Lambda's init phase: resolves the handler (its class's static initialisers, its constructor). */
    @Override
    public void run() {
        try {
            resolved();
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    @Override
    public byte[] apply(byte[] event, LambdaContext invocation) {
        try {
            HandlerMethod target = resolved();
            Object context = invocation.proxy(loader);
            if (target.streaming()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                target.invokeStreaming(new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object input = target.takesInput() ? readInput(event, target) : null;
            Object output = target.invoke(input, context);
            return mapper.writeValueAsBytes(output);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    private Object readInput(byte[] event, HandlerMethod target) throws java.io.IOException {
        if (target.inputType() == String.class) {
            // Lambda hands a String handler the JSON string's value; an object event (API
            // Gateway's) cannot be a JSON string, so such handlers get the event's JSON text.
            var tree = mapper.readTree(event);
            return tree.isTextual() ? tree.textValue() : mapper.writeValueAsString(tree);
        }
        ObjectMapper reader = EventMapper.isEventType(mapper.constructType(target.inputType()).getRawClass()) ? eventMapper() : mapper;
        return reader.readValue(event, reader.constructType(target.inputType()));
    }

    private ObjectMapper eventMapper() {
        ObjectMapper current = eventMapper;
        if (current == null) {
            current = EventMapper.create(loader);
            eventMapper = current;
        }
        return current;
    }

    private HandlerMethod resolved() throws ReflectiveOperationException {
        HandlerMethod current = method;
        if (current == null) {
            synchronized (this) {
                current = method;
                if (current == null) {
                    current = HandlerMethod.resolve(handler, loader);
                    method = current;
                }
            }
        }
        return current;
    }

    /** Rethrows the handler's own throwable unchanged, so its stack trace stays the handler's. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
