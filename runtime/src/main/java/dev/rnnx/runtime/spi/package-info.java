/** The interface between the RNNX session API and its execution backends. */
package dev.rnnx.runtime.spi;
