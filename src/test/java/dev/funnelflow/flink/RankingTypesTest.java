package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.ranking.CandidateScore;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.ranking.ItemSnapshot;
import dev.funnelflow.ranking.ItemStats;
import dev.funnelflow.ranking.RequestContext;
import dev.funnelflow.ranking.UserSnapshot;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ranking inputs and aggregates will travel between operators and live in keyed state: no Kryo. */
class RankingTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {ItemStats.class, CategoryStats.class, UserSnapshot.class, ItemSnapshot.class,
            RequestContext.class, CandidateScore.class})
    void isAFlinkPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    }
}
