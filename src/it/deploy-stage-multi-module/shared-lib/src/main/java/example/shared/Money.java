package example.shared;

/** Shared by the functions: prices in cents, shown in euros. */
public final class Money {

    private Money() {
    }

    public static String euros(long cents) {
        return String.format("%d.%02d EUR", cents / 100, cents % 100);
    }
}
