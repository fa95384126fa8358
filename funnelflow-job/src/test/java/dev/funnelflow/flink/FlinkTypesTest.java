package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.control.ReplayGuard;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.flink.routing.CrossKeyForget;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.io.OutputRecord;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type in state or on the wire gets Flink's POJO serializer, never the Kryo fallback, unless it has a
 * hand-written one (the busiest shuffles: {@link WireTypes}).
 */
class FlinkTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {Ingested.class, DeadLetter.class, UserProfile.class,
            RecommendationRequest.class, Recommendation.class, OutputRecord.class, RuleChange.class, ModelPromotion.class, ForgetUser.class,
            CrossKeyForget.class, UserInput.class, ReplayGuard.Applied.class})
    void isAFlinkPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    }
}
