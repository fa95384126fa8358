package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.ranking.ItemOutcomes;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.TrainingExample;
import dev.funnelflow.recs.BlendedCandidate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ranking inputs, outputs and aggregates travel between operators and live in keyed state: no Kryo. */
class RankingTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {CategoryStats.class, UserSnapshot.class, RequestContext.class, ItemRefs.class,
            BlendedCandidate.class, ServedExample.class, TrainingExample.class,
            ItemOutcomes.class})
    void isAFlinkPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    }
}
