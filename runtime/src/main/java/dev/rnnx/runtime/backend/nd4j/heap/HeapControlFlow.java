package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import java.util.List;
import java.util.Optional;

/** If on the heap path: both branches compiled once, the taken one run per call. */
final class HeapControlFlow {
  private HeapControlFlow() {}

  static void registerAll(HeapRegistry r) {
    r.add("If", 1, HeapControlFlow::ifNode);
  }

  private static HeapKernel ifNode(Node n, HeapContext c) {
    Optional<HeapProgram> then = c.compile(n.attribute("then_branch").orElseThrow().asGraph());
    Optional<HeapProgram> otherwise = then.isEmpty() ? Optional.empty()
        : c.compile(n.attribute("else_branch").orElseThrow().asGraph());
    if (otherwise.isEmpty()) {
      then.ifPresent(HeapProgram::close);
      return null;
    }
    HeapProgram yes = then.get();
    HeapProgram no = otherwise.get();
    return new HeapKernel() {
      @Override
      public Dense[] run(Dense[] in, HeapScope scope) {
        HeapProgram branch = in[0].get(0) != 0 ? yes : no;
        return branch.run(List.of(), scope).toArray(Dense[]::new);
      }

      @Override
      public void close() {
        yes.close();
        no.close();
      }
    };
  }
}
