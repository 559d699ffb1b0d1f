/**
 * {@code bench/gateway}: what the MCP gateway adds to a {@code tools/call}, against calling the same downstream
 * instances directly. Run by hand with {@code bench/gateway.sh} (see docs/benchmarks.md), never as a test.
 */
package io.mcphub.bench.gateway;
