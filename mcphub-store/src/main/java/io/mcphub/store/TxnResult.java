package io.mcphub.store;

/**
 * Outcome of a transaction.
 *
 * @param succeeded whether every compare held and the ops were applied
 * @param revision  the store revision after the transaction (the new one if it wrote, the current one otherwise)
 */
public record TxnResult(boolean succeeded, long revision) {}
