package example;

/** A source file, so that a compile that should not have run would leave target/classes. */
public class Handler {
    public String handleRequest(Object input) {
        return "ok";
    }
}
