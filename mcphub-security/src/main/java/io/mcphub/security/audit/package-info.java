/**
 * The audit trail: one hash-chained event per mutating, denied or login call (later per MCP tool call).
 *
 * <p>The store holds the authoritative chain (one gap-free sequence even with several hub replicas on one etcd);
 * each hub also appends every event as an Elastic Common Schema JSON line to {@code DATA_DIR/audit/audit.ndjson}
 * for Filebeat. {@link io.mcphub.security.audit.AuditChain} defines the hash once for the writer and both
 * verifiers. See {@code docs/security-audit.md}.
 */
package io.mcphub.security.audit;
