/**
 * The service topology of a stack as deployed: which services depend on which, and which instance runs on which
 * node, rendered as Graphviz DOT, Mermaid or JSON ({@code mcphub topology --format=graphviz}).
 */
package io.mcphub.core.topology;
