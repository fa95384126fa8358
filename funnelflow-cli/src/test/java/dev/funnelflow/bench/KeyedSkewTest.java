package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;

class KeyedSkewTest {

    @Test
    void maxOverMeanIsOneWhenEvenAndTheParallelismWhenOneSubtaskTakesAll() {
        assertThat(KeyedSkew.maxOverMean(List.of(5L, 5L, 5L, 5L))).isEqualTo(1.0);
        assertThat(KeyedSkew.maxOverMean(List.of(0L, 0L, 12L, 0L))).isEqualTo(4.0);
        assertThat(KeyedSkew.maxOverMean(List.of(3L, 1L))).isEqualTo(1.5);
        assertThat(KeyedSkew.maxOverMean(List.of(0L, 0L))).isEqualTo(1.0);
    }

    @Test
    void namesAChainedTaskByTheOperatorThatTakesTheKeyedInput() {
        assertThat(KeyedSkew.headOperator("user-activity -> (customer-lifecycle, fraud-inputs)"))
                .isEqualTo("user-activity");
        assertThat(KeyedSkew.headOperator("candidate-lists")).isEqualTo("candidate-lists");
    }

    /** A real MiniCluster run: one key takes half the records, so its subtask gets more than the mean. */
    @Test
    void measuresEachKeyedTaskOfARealRun() throws Exception {
        Configuration config = Configuration.fromMap(KeyedSkew.configuration());
        config.setString("parallelism.default", "2");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.fromSequence(0, 999)
                .map(i -> i % 2 == 0 ? 0L : i).returns(Types.LONG).name("hot-half")
                .keyBy(i -> i).map(i -> i).returns(Types.LONG).name("by-key")
                .rebalance().map(i -> i).returns(Types.LONG).name("rebalanced")
                .sinkTo(new DiscardingSink<>());
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("keyed-skew-test");
        Set<String> keyed = KeyedSkew.keyedTasks(graph);
        assertThat(keyed).singleElement().asString().startsWith("by-key");
        KeyedSkew.clear("keyed-skew-test");

        env.execute(graph);

        Map<String, Double> skew = KeyedSkew.of("keyed-skew-test", keyed);
        assertThat(skew).containsOnlyKeys("by-key");
        // 1,000 records over 2 subtasks: the hot key's subtask gets its 500 and about half of the other 500.
        assertThat(skew.get("by-key")).isBetween(1.3, 2.0);
    }
}
