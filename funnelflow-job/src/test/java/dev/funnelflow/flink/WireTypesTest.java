package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.job.ProductionTopology;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The production topology sends its busiest streams through the hand-written serializers, not the POJO one. */
class WireTypesTest {

    @Test
    void theBusiestShufflesUseTheHandWrittenSerializers() {
        Map<String, TypeSerializer<?>> outputs = ProductionTopology.streamGraph().getStreamNodes().stream()
                .filter(node -> node.getTypeSerializerOut() != null)
                .collect(Collectors.toMap(StreamNode::getOperatorName, StreamNode::getTypeSerializerOut, (a, b) -> a));
        assertThat(outputs).hasEntrySatisfying("validate", isA(ClickEventSerializer.class))
                .hasEntrySatisfying("fraud-inputs", isA(FraudInputSerializer.class))
                .hasEntrySatisfying("cross-key-lookups", isA(CrossKeyLookupSerializer.class))
                .hasEntrySatisfying("device-users", isA(CrossKeyLookupSerializer.class))
                .hasEntrySatisfying("ip-users", isA(CrossKeyLookupSerializer.class))
                .hasEntrySatisfying("fraud-sightings", isA(FraudInputSerializer.class))
                .hasEntrySatisfying("user-activity", isA(ItemSignalSerializer.class))
                .hasEntrySatisfying("candidate-lists", isA(CandidateListSerializer.class))
                .hasEntrySatisfying("assemble-recommendations", isA(RankingRequestSerializer.class));
    }

    @Test
    void requestsReachAssemblyThroughTheirHandWrittenSerializer() {
        StreamNode assembly = ProductionTopology.streamGraph().getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals("assemble-recommendations")).findFirst().orElseThrow();
        assertThat(assembly.getTypeSerializersIn()).hasExactlyElementsOfTypes(
                RecommendationRequestSerializer.class, CandidateListSerializer.class);
    }

    private static Consumer<TypeSerializer<?>> isA(Class<?> type) {
        return serializer -> assertThat(serializer).isInstanceOf(type);
    }
}
