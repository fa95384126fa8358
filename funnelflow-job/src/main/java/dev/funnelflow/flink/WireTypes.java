package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecommendationRequest;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The records between operators that have hand-written serializers: the ones every event, or every view many
 * times over, sends through a shuffle. Everything else uses Flink's POJO serializer, and so does keyed state but
 * the item lists ({@link DecayedTopListSerializer}), the user profile and the fraud state ({@link StateSerializer}'s
 * subclasses).
 */
public final class WireTypes {

    public static final TypeInformation<ClickEvent> CLICK_EVENT =
            new HandWrittenTypeInfo<>(ClickEvent.class, config -> ClickEventSerializer.INSTANCE);
    public static final TypeInformation<CrossKeyLookup> CROSS_KEY_LOOKUP =
            new HandWrittenTypeInfo<>(CrossKeyLookup.class, config -> CrossKeyLookupSerializer.INSTANCE);
    public static final TypeInformation<FraudInput> FRAUD_INPUT =
            new HandWrittenTypeInfo<>(FraudInput.class, config -> FraudInputSerializer.INSTANCE);
    public static final TypeInformation<ItemSignal> ITEM_SIGNAL =
            new HandWrittenTypeInfo<>(ItemSignal.class, config -> ItemSignalSerializer.INSTANCE);
    public static final TypeInformation<CandidateList> CANDIDATE_LIST =
            new HandWrittenTypeInfo<>(CandidateList.class, config -> CandidateListSerializer.INSTANCE);
    public static final TypeInformation<RecommendationRequest> RECOMMENDATION_REQUEST =
            new HandWrittenTypeInfo<>(RecommendationRequest.class, config -> RecommendationRequestSerializer.INSTANCE);
    public static final TypeInformation<RankingRequest> RANKING_REQUEST =
            new HandWrittenTypeInfo<>(RankingRequest.class, config -> RankingRequestSerializer.INSTANCE);

    private WireTypes() {}
}
