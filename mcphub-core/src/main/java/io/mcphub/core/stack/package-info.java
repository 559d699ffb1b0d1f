/**
 * The declarative stack spec ({@code apiVersion: mcphub/v1, kind: Stack}): the model a planner works from, the
 * parser that accepts a spec whole or refuses it with every problem located, and the dependency order between
 * services. Pure data and logic: nothing here starts a process or talks to a node.
 */
package io.mcphub.core.stack;
