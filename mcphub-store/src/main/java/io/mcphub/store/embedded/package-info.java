/**
 * The embedded store: etcd v3 semantics on one SQLite file, for single-node installs with no etcd to run.
 */
package io.mcphub.store.embedded;
