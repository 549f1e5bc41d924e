package example;

/** The function's code; packaging stops at the missing bucket before it is uploaded. */
public class Handler {
    public String handleRequest(Object input) {
        return "ok";
    }
}
