/** The {@code rnnx} command line. */
package dev.rnnx.cli;
