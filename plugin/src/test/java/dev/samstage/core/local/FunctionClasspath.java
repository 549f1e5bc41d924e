package dev.samstage.core.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.local.fixtures.EchoRestHandler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path a fixture "project" has: the test classes plus the Lambda and Jackson jars. */
final class FunctionClasspath {

    private FunctionClasspath() {
    }

    static List<Path> withJackson() {
        List<Path> entries = new ArrayList<>(withoutJackson());
        entries.add(location(ObjectMapper.class));
        entries.add(location(JsonFactory.class));
        entries.add(location(JsonInclude.class));
        return entries;
    }

    /** A project that brings no Jackson, as many small Lambda functions do. */
    static List<Path> withoutJackson() {
        return List.of(location(EchoRestHandler.class), location(RequestHandler.class),
            location(APIGatewayProxyRequestEvent.class));
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
