package io.mcphub.core.stack;

/** A string read from a spec, with where it was, for problems found after reading (unknown names, repeats). */
record Text(String value, Where at) {}
