/**
 * Machinery shared by the store implementations (not part of the SPI the hub programs against).
 */
package io.mcphub.store.support;
