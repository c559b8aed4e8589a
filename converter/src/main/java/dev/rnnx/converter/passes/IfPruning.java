package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces each If whose condition is constant with the branch it takes: the branch's nodes
 * join the enclosing graph, its initializers move up, the values it produces for the If's
 * outputs take the If's output names (an output the branch passes through from outside, or
 * gives twice, gets an Identity), and every other name it defines that would collide with a
 * name elsewhere in the model is made unique. Inlined nodes are named {@code if/node}. An If in
 * the inlined nodes, or in any subgraph, is pruned the same way when its condition is
 * constant there.
 */
public final class IfPruning implements GraphPass {
  /** Creates the pass. */
  public IfPruning() {}

  @Override
  public String name() {
    return "if-pruning";
  }

  @Override
  public IrModel apply(IrModel model) {
    boolean pruned = prune(ConstantScope.of(model.graph()), model.graph());
    return pruned ? IrUpgrade.allowConstantInitializers(model) : model;
  }

  /** @return true when it pruned an If here or in a subgraph */
  private static boolean prune(ConstantScope scope, Graph main) {
    Graph g = scope.graph();
    boolean pruned = false;
    Deque<Node> work = new ArrayDeque<>(g.nodes());
    List<Node> kept = new ArrayList<>();
    while (!work.isEmpty()) {
      Node n = work.poll();
      boolean standard = n.domain().equals(Node.DEFAULT_DOMAIN);
      Tensor cond = standard && n.opType().equals("If") ? n.input(0).map(scope::get).orElse(null)
          : null;
      if (cond == null) {
        if (standard && n.opType().equals("Constant") && !n.outputs().isEmpty()) {
          Tensor value = ConstantAttributes.value(n);
          if (value != null) {
            scope.put(n.outputs().get(0), value);
          }
        }
        for (Graph sub : n.subgraphs()) {
          pruned |= prune(scope.child(sub), main);
        }
        kept.add(n);
        continue;
      }
      pruned = true;
      List<Node> inlined = NodeErrors.at(n, () -> inline(n, cond, scope, main));
      for (int i = inlined.size() - 1; i >= 0; i--) {
        work.addFirst(inlined.get(i)); // visited next: nested Ifs may now be constant too
      }
    }
    g.nodes().clear();
    g.nodes().addAll(kept);
    return pruned;
  }

  private static List<Node> inline(Node n, Tensor cond, ConstantScope scope, Graph main) {
    if (cond.size() != 1) {
      throw new IllegalArgumentException("cond must hold one element, got " + cond.describe());
    }
    String chosen = cond.getDouble(0) != 0 ? "then_branch" : "else_branch";
    Graph branch = n.attribute(chosen).map(Attribute::asGraph).orElseThrow(
        () -> new IllegalArgumentException("no " + chosen));
    if (branch.outputs().size() != n.outputs().size()) {
      throw new IllegalArgumentException(chosen + " has " + branch.outputs().size()
          + " outputs, the If " + n.outputs().size());
    }
    Set<String> defined = new HashSet<>(branch.initializers().keySet());
    branch.nodes().forEach(b -> b.outputs().stream().filter(o -> !o.isEmpty())
        .forEach(defined::add));
    // The values the branch yields take the If's output names, each name once.
    Map<String, String> rename = new HashMap<>();
    List<Node> identities = new ArrayList<>();
    for (int i = 0; i < n.outputs().size(); i++) {
      String yielded = branch.outputs().get(i).name();
      String out = n.outputs().get(i);
      if (out.isEmpty()) {
        continue;
      }
      if (defined.contains(yielded) && !rename.containsKey(yielded)) {
        rename.put(yielded, out);
      } else {
        identities.add(Node.of(ValueNames.nodeName(n.name(), out), "Identity", List.of(yielded),
            List.of(out), List.of()));
      }
    }
    ValueNames taken = ValueNames.outside(main, n);
    for (String d : defined) {
      if (!rename.containsKey(d)) {
        rename.put(d, taken.fresh(d));
      }
    }
    Renaming renaming = new Renaming(rename);
    Graph g = scope.graph();
    branch.initializers().forEach((name, value) -> {
      g.initializers().put(renaming.name(name), value);
      scope.put(renaming.name(name), value);
    });
    Set<String> outputs = new HashSet<>();
    g.outputs().stream().map(ValueInfo::name).forEach(outputs::add);
    branch.valueTypes().forEach((name, type) -> {
      if (defined.contains(name) && !outputs.contains(renaming.name(name))) {
        g.valueTypes().put(renaming.name(name), type);
      }
    });
    List<Node> inlined = new ArrayList<>();
    for (Node b : branch.nodes()) {
      Node renamed = renaming.node(b);
      inlined.add(new Node(ValueNames.nodeName(n.name(), b.name()), renamed.opType(),
          renamed.domain(), renamed.inputs(), renamed.outputs(), renamed.attributes()));
    }
    for (Node identity : identities) {
      inlined.add(renaming.node(identity));
    }
    return inlined;
  }
}
