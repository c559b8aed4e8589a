/**
 * Flink serializers and type information for RNNX's records and recurrent state, with
 * serializer snapshots so state written by one version of a job restores in the next.
 */
package dev.rnnx.flink.serde;
