package dev.gdsweep.plugin;

/** A test class that is not a loss. */
public final class NotALoss {}
