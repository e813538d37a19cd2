/**
 * The implementations the engine uses when a host gives none, public so that a host may name them, wrap them or
 * build one with its own settings: {@link io.peershare.defaults.InMemoryMessageStore} and
 * {@link io.peershare.defaults.ExecutorScheduler}.
 */
package io.peershare.defaults;
