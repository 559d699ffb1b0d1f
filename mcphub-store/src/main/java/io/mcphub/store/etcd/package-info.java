/**
 * The store on an etcd v3 cluster, through jetcd: each SPI call maps to the etcd primitive of the same name.
 */
package io.mcphub.store.etcd;
