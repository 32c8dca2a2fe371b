package dev.fsyncguard.checker.bench;

import static com.google.common.truth.Truth.assertThat;

import dev.fsyncguard.checker.dataflow.FileStore;
import dev.fsyncguard.checker.dataflow.FsyncAnalysis;
import dev.fsyncguard.checker.dataflow.FsyncTransfer;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The benchmark reads private fields of the analysis, which no build runs it against: this keeps
 * their names and types true when the analysis is restructured.
 */
class ScalingBenchmarkTest {
  @Test
  void theFieldsItReadsExist() throws ReflectiveOperationException {
    Field dataflow = FsyncAnalysis.class.getDeclaredField(ScalingBenchmark.ANALYSIS_DATAFLOW);
    Field transfer = dataflow.getType().getDeclaredField(ScalingBenchmark.DATAFLOW_TRANSFER);
    assertThat(transfer.getType()).isEqualTo(FsyncTransfer.class);
    for (String map : ScalingBenchmark.STORE_MAPS) {
      assertThat(FileStore.class.getDeclaredField(map)).isNotNull();
    }
  }
}
