package io.veil.op;

/**
 * One parameter an operation takes, for unknown-key checks and the docs: its name, the forms of the
 * op that take it ({@code with = pseudonym}, {@code mode = format-preserving}...; empty for every
 * form) and what it means. Types, ranges and which parameters go together are checked by the
 * definition's {@code read}, which reports them in the user's terms.
 */
public record Parameter(String name, String forms, String doc) {}
