/**
 * The store SPI: the only persistence the hub knows about.
 *
 * <p>Semantics follow etcd v3 so that the embedded store and a real etcd cluster are interchangeable: one global
 * revision that increases by one per write transaction, keys ordered as byte strings, compare-and-swap on a key's
 * mod revision, watches that resume from any revision not yet compacted, and leases whose keys vanish on expiry.
 * Implementations live in sub-packages ({@code embedded}, {@code etcd}) and must pass the contract suite in this
 * module's tests.
 */
package io.mcphub.store;
