package dev.mercator.notifications.channel;

/** A destination setting or secret that cannot work, named by its field so the API can answer 400 with it. */
public record FieldProblem(String field, String problem) {}
