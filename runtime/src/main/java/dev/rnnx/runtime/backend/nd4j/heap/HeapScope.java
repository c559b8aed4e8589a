package dev.rnnx.runtime.backend.nd4j.heap;

/** The values a running heap graph sees: its own and those of the graphs around it. */
interface HeapScope {
  /**
   * @param name a value name
   * @return the value visible under that name
   * @throws dev.rnnx.RnnxException when no enclosing graph holds it
   */
  Dense lookup(String name);
}
