package io.mcphub.config;

/** A file as the user has it: its name (for the key and for error messages) and its text. */
public record PushFile(String name, String content) {}
