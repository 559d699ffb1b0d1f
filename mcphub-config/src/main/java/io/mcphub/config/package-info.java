/**
 * The configuration center: versioned documents on the store, checked against JSON Schema, with secrets sealed at
 * rest. Every publish is an immutable version; diffs are minimal RFC 6902 patches; batch pushes are atomic.
 *
 * <p>Store layout (all under {@code /mcphub/config/}): {@code heads/KEY} points at the latest version,
 * {@code versions/KEY@0000000007} holds version 7, {@code schemas/KEY} the schema. The {@code @} cannot occur in a
 * key, so the versions of {@code payment} never share a prefix with those of {@code payment/db}.
 */
package io.mcphub.config;
