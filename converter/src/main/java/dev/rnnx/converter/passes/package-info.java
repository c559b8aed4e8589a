/**
 * Graph passes: rewrites of an {@link dev.rnnx.converter.ir.IrModel} that keep its meaning while
 * making it easier to run.
 *
 * <p>Each pass is a {@link dev.rnnx.converter.passes.GraphPass}; a
 * {@link dev.rnnx.converter.passes.PassPipeline} runs several in order and says which pass and
 * node failed. {@link dev.rnnx.converter.passes.Passes#standard()} is the default pipeline:
 * <ol>
 *   <li>{@link dev.rnnx.converter.passes.RecurrentLayoutNormalization} rewrites batch-major
 *       LSTM/GRU/RNN nodes to sequence-major ones framed by Transposes;</li>
 *   <li>{@link dev.rnnx.converter.passes.ShapeInference} records element types and shapes;</li>
 *   <li>{@link dev.rnnx.converter.passes.ConstantFolding} evaluates what depends on constants
 *       (and on shapes that are fully known) only;</li>
 *   <li>{@link dev.rnnx.converter.passes.IfPruning} inlines the branch an If with a constant
 *       condition takes;</li>
 *   <li>{@link dev.rnnx.converter.passes.DeadNodeElimination} drops what no output needs;</li>
 *   <li>shape inference again, for what folding and pruning made known.</li>
 * </ol>
 * {@link dev.rnnx.converter.passes.InputBinding} turns chosen graph inputs into constants first,
 * so that the pipeline can specialize a model to them.
 *
 * <p>A value is <em>constant</em> when it is an initializer that is not also a graph input of
 * the main graph (such an initializer is only a default the caller may override), any
 * initializer of a subgraph, or the output of a {@code Constant} node.
 */
package dev.rnnx.converter.passes;
