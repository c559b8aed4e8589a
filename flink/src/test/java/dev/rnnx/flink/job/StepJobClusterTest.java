package dev.rnnx.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.flink.RecurrentStepConfig;
import dev.rnnx.flink.Reference;
import dev.rnnx.flink.StepModel;
import dev.rnnx.flink.StepOutput;
import dev.rnnx.flink.TestModels;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step job on a local mini-cluster of 2 task managers with 2 slots each, checkpointing
 * every 100 ms: 200 keyed streams through a failure and through a rescale, each time compared
 * with a single-process StepSession run and checked for steps lost or committed twice.
 */
class StepJobClusterTest {
  private static final int KEYS = 200;
  private static final StepModel MODEL = TestModels.lstm();
  private static final RecurrentStepConfig CONFIG = RecurrentStepConfig.defaults()
      .withMaxBatchFrames(64).withMaxBatchDelay(Duration.ofMillis(5));

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(2)
          .setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path tmp;

  @Test
  void anInjectedFailureIsRecoveredFromACheckpointWithNoStepLostOrRepeated(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    var streams = StreamFolders.lstmStreams(tmp.resolve("in"), KEYS, 1);
    StepJob job = new StepJob(MODEL, CONFIG, tmp.resolve("in"), tmp.resolve("out"));
    JobClient client = env(2, job, 1200);
    client.getJobExecutionResult().get(3, TimeUnit.MINUTES);
    ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(client.getJobID()).get();
    assertTrue(graph.getStatusTimestamp(JobStatus.RESTARTING) > 0, "the job failed and restarted");
    RestoredCheckpointStats restored = graph.getCheckpointStatsSnapshot()
        .getLatestRestoredCheckpoint();
    assertNotNull(restored, "the restart resumed from a checkpoint, not from the start");
    assertCommittedExactlyOnce(job, streams);
    assertOutputFilesEqualReference(job, streams);
  }

  @Test
  void aSavepointAtParallelism2ResumesAtParallelism3(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    var streams = StreamFolders.lstmStreams(tmp.resolve("in"), KEYS, 2);
    StepJob job = new StepJob(MODEL, CONFIG, tmp.resolve("in"), tmp.resolve("out"));
    JobClient first = env(2, job, 0);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (job.committedOutputs().size() < 600 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String savepoint = first.stopWithSavepoint(false, tmp.resolve("savepoints").toUri()
        .toString(), SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
    int committedAtStop = job.committedOutputs().size();
    assertTrue(committedAtStop >= 600 && committedAtStop < StreamFolders.frames(streams),
        "stopped mid-stream: " + committedAtStop + " of " + StreamFolders.frames(streams));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        StepJob.environment(Duration.ofMillis(100), job.defaultCheckpointDir()));
    env.setParallelism(3);
    job.addTo(env, 500, 0);
    StreamGraph graph = env.getStreamGraph();
    graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
    JobClient second = env.executeAsync(graph);
    second.getJobExecutionResult().get(3, TimeUnit.MINUTES);
    ArchivedExecutionGraph done = cluster.getArchivedExecutionGraph(second.getJobID()).get();
    assertTrue(done.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint().getProperties()
        .isSavepoint(), "the second run restored the savepoint");
    assertEquals(3, done.getAllVertices().values().stream()
        .filter(v -> v.getName().contains("rnnx-step")).findFirst().orElseThrow()
        .getParallelism());
    assertCommittedExactlyOnce(job, streams);
    assertOutputFilesEqualReference(job, streams);
  }

  /** Submits the job at a parallelism, its source held to 500 frames per checkpoint. */
  private static JobClient env(int parallelism, StepJob job, long failAfter) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        StepJob.environment(Duration.ofMillis(100), job.defaultCheckpointDir()));
    env.setParallelism(parallelism);
    job.addTo(env, 500, failAfter);
    return env.executeAsync();
  }

  private static void assertCommittedExactlyOnce(StepJob job,
      Map<String, List<Map<String, Tensor>>> streams) throws Exception {
    List<StepOutput> committed = job.committedOutputs();
    assertEquals(StreamFolders.frames(streams), committed.size(), "every step committed once");
    Map<String, List<StepOutput>> byKey = new TreeMap<>();
    committed.forEach(o -> byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
    assertEquals(streams.keySet(), byKey.keySet());
    byKey.forEach((key, steps) -> {
      List<Long> indices = steps.stream().map(StepOutput::step).sorted().toList();
      assertEquals(java.util.stream.LongStream.range(0, streams.get(key).size()).boxed()
          .toList(), indices, key);
    });
    assertEquals(0, job.committedRejections().size());
  }

  private void assertOutputFilesEqualReference(StepJob job,
      Map<String, List<Map<String, Tensor>>> streams) throws Exception {
    job.assemble();
    Path out = tmp.resolve("out");
    assertTrue(Files.notExists(out.resolve(StepJob.STAGING)), "staging removed");
    Map<String, Map<String, Tensor>> expected = Reference.stacked(MODEL, streams);
    for (Map.Entry<String, Map<String, Tensor>> e : expected.entrySet()) {
      Tensor logits = Npy.read(out.resolve(e.getKey() + ".logits.npy"));
      Reference.assertClose(e.getValue().get("logits"), logits, e.getKey());
    }
  }
}
