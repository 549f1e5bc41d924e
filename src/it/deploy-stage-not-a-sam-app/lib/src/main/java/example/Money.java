package example; public final class Money { private Money() { } }
