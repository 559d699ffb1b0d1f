package io.mcphub.security.rbac;

/**
 * One problem in a policy file, before it is placed in the source text.
 *
 * @param at      JSON pointer of the value whose line and column locate the problem; for something missing, the
 *                object that lacks it
 * @param path    what a person reads, e.g. {@code policies[1].permissions[0]}; empty for the document itself
 * @param message what is wrong and what to write instead
 */
record Finding(String at, String path, String message) {}
