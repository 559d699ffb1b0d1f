/**
 * Session tokens: ES256 access tokens signed by per-install keys (sealed in the store, rotated by compare-and-swap)
 * and one-time refresh tokens stored only as hashes.
 */
package io.mcphub.security.jwt;
