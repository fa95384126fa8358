package dev.funnelflow.job;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.demand.DemandForecast;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.SeriesMembership;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RejectReason;
import dev.funnelflow.flink.TopItemsFunction;
import dev.funnelflow.flink.WireTypes;
import dev.funnelflow.flink.operators.CandidateListOperator;
import dev.funnelflow.flink.operators.ControlRouter;
import dev.funnelflow.flink.operators.CountingEncoder;
import dev.funnelflow.flink.operators.CrossKeySightingsFunction;
import dev.funnelflow.flink.operators.CrossKeySightingsFunction.CrossKey;
import dev.funnelflow.flink.operators.CustomerLifecycleFunction;
import dev.funnelflow.flink.operators.DemandForecastOperator;
import dev.funnelflow.flink.operators.DemandObservations;
import dev.funnelflow.flink.operators.ExampleLabeler;
import dev.funnelflow.flink.operators.ForgetUserPseudonymiser;
import dev.funnelflow.flink.operators.FraudDetectionFunction;
import dev.funnelflow.flink.operators.IngestSplitter;
import dev.funnelflow.flink.operators.ItemVolumeFunction;
import dev.funnelflow.flink.operators.RankingOperator;
import dev.funnelflow.flink.operators.RecommendationAssembler;
import dev.funnelflow.flink.operators.TrackedSeriesGate;
import dev.funnelflow.flink.operators.UserActivityFunction;
import dev.funnelflow.flink.routing.CrossKeyForget;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.io.DemandForecastJson;
import dev.funnelflow.io.OutputJson;
import dev.funnelflow.io.OutputRecord;
import dev.funnelflow.io.OutputSinks;
import dev.funnelflow.io.Topic;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.TrainingExample;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The clickstream job's topology. Source and sinks are parameters, so the same wiring runs on Kafka in
 * production and the demo, on files in {@code replay}, and in tests. Every operator has a stable uid so that
 * savepoints survive upgrades.
 */
public final class ClickstreamJob {

    public static final String NAME = "funnelflow-clickstream";

    private ClickstreamJob() {}

    public static void define(StreamExecutionEnvironment env, JobSettings settings, Source<Ingested, ?, ?> source,
                              Source<byte[], ?, ?> control, OutputSinks sinks) {
        SingleOutputStreamOperator<ClickEvent> events = env
                .fromSource(source, watermarks(settings), "clickstream").uid("clickstream-source")
                .process(new IngestSplitter(settings.pseudonymSecret())).name("validate").uid("validate");

        // Control commands, parsed once: rule changes to fraud detection, model promotions to ranking, forget-user
        // commands keyed by user to every user-keyed operator (pseudonymised like the events, to meet their keys).
        SingleOutputStreamOperator<RuleChange> ruleChanges = env
                .fromSource(control, WatermarkStrategy.noWatermarks(), "control").uid("control-source")
                .process(new ControlRouter(settings.fraud(), settings.control()))
                .name("route-control").uid("route-control");
        DataStream<ForgetUser> forgets = ruleChanges.getSideOutput(ControlRouter.FORGET_USERS)
                .map(new ForgetUserPseudonymiser(settings.pseudonymSecret()))
                .name("pseudonymise-forgets").uid("pseudonymise-forgets")
                .assignTimestampsAndWatermarks(noEventTime())
                .name("forgets-no-event-time").uid("forgets-no-event-time");

        // A forget also goes on from here to the labeller and, per device and IP of the user, to the cross-key state.
        SingleOutputStreamOperator<ItemSignal> signals = events
                .keyBy(ClickEvent::userId)
                .connect(forgets.keyBy(ForgetUser::userId))
                .transform("user-activity", WireTypes.ITEM_SIGNAL, new UserActivityFunction(userActivity(settings)))
                .uid("user-activity");
        // Events past dedup and the lateness check, and forgets, still partitioned by user: alerts work on these.
        DataStream<UserInput> accepted = signals.getSideOutput(UserActivityFunction.ACCEPTED);

        // Item lists keyed by item; the popularity lists copied on every subtask, taught by a sample of events.
        DataStream<CandidateList> candidateLists = signals
                .keyBy(ItemSignal::key)
                .connect(signals.getSideOutput(UserActivityFunction.POPULARITY_SAMPLES).broadcast())
                .transform("candidate-lists", WireTypes.CANDIDATE_LIST,
                        new CandidateListOperator(settings.recs(), settings.itemStateTtl(), settings.itemListCache()))
                .uid("candidate-lists");

        SingleOutputStreamOperator<Recommendation> recommendations = signals.getSideOutput(UserActivityFunction.REQUESTS)
                .connect(candidateLists)
                .keyBy(RecommendationRequest::recId, CandidateList::recId)
                .process(new RecommendationAssembler(settings.assembledCandidates()))
                .name("assemble-recommendations").uid("assemble-recommendations")
                .connect(ruleChanges.getSideOutput(ControlRouter.MODEL_PROMOTIONS).broadcast())
                .transform("rank", TypeInformation.of(Recommendation.class),
                        new RankingOperator(settings.ranking(), settings.recs().k())).uid("rank");

        // Each logged candidate waits for what its user does next: views label clicks, purchases conversions.
        DataStream<TrainingExample> trainingExamples = signals.getSideOutput(UserActivityFunction.LABELLING_INPUT)
                .keyBy(UserInput::userId)
                .connect(recommendations.getSideOutput(RankingOperator.EXAMPLES).keyBy(ServedExample::userId))
                .process(new ExampleLabeler(settings.ranking(), settings.forgetHorizon()))
                .name("label-examples").uid("label-examples");

        DataStream<DemandForecast> forecasts = demandObservations(events, settings.demand())
                .keyBy(DemandObservation::series)
                .transform("demand-forecasts", TypeInformation.of(DemandForecast.class),
                        new DemandForecastOperator(settings.demand()))
                .uid("demand-forecasts");

        // Fraud: rules (changeable through control) and an anomaly score per user.
        DataStream<Alert> alerts = fraudInputs(accepted, signals, settings)
                .keyBy(FraudInput::userId)
                .connect(ruleChanges.broadcast())
                .transform("fraud-detection", TypeInformation.of(Alert.class), new FraudDetectionFunction(
                        settings.fraud(), settings.defaultFraudRules(), settings.forgetHorizon(), settings.fraudRiskCache()))
                .uid("fraud-detection");

        // Cart abandonment and churn risk: event-time timers per user. Keyed as it comes, so chained to user-activity.
        DataStream<Alert> lifecycleAlerts = DataStreamUtils.reinterpretAsKeyedStream(accepted, UserInput::userId)
                .process(new CustomerLifecycleFunction(settings.alerts()))
                .name("customer-lifecycle").uid("customer-lifecycle");

        write(recommendations.map(OutputJson::recommendation), Topic.RECOMMENDATIONS, sinks);
        write(alerts.union(lifecycleAlerts).map(CountingEncoder.countingBy("alerts", "kind", alert -> alert.kind().wireName(),
                Stream.of(AlertKind.values()).map(AlertKind::wireName).toList(), OutputJson::alert)), Topic.ALERTS, sinks);
        write(trainingExamples.map(OutputJson::trainingExample), Topic.TRAINING_EXAMPLES, sinks);
        write(forecasts.map(CountingEncoder.counting("forecastUpdates", DemandForecastJson::record)),
                Topic.DEMAND_FORECASTS, sinks);
        write(events.getSideOutput(DeadLetters.TAG).union(signals.getSideOutput(DeadLetters.TAG),
                        ruleChanges.getSideOutput(DeadLetters.TAG))
                .map(CountingEncoder.countingBy("deadLetters", "error", DeadLetter::error,
                        Stream.of(RejectReason.values()).map(RejectReason::code).toList(), OutputJson::deadLetter)),
                Topic.DEAD_LETTER, sinks);
    }

    /**
     * Every category's series, and the top items' by purchase volume: each item's decayed volume, reported after the
     * windows it sold in, goes to one top-items operator, whose entries and exits reach a gate keyed by item series.
     * No item list is broadcast.
     */
    /** User-activity's share of the settings. */
    public static UserActivityFunction.Settings userActivity(JobSettings settings) {
        return new UserActivityFunction.Settings(settings.profile(), settings.recs(), settings.ranking(),
                settings.userStateTtl(), settings.dedupTtl(), settings.forgetHorizon(), settings.allowedLateness(),
                settings.latePolicy(), settings.profileCache());
    }

    private static DataStream<DemandObservation> demandObservations(DataStream<ClickEvent> events,
            DemandSettings demand) {
        DataStream<DemandObservation> categories = events
                .flatMap(DemandObservations.ofCategories(demand.views())).name("category-demand").uid("category-demand");
        if (demand.topItems() == 0) {
            return categories;
        }
        DataStream<DemandObservation> items = events
                .flatMap(DemandObservations.ofItems(demand.views())).name("item-demand").uid("item-demand");
        DataStream<SeriesMembership> topItems = items
                .filter(observation -> !observation.countsViews()).name("item-purchases").uid("item-purchases")
                .keyBy(DemandObservation::series)
                .process(new ItemVolumeFunction(demand)).name("item-volumes").uid("item-volumes")
                .keyBy(volume -> TopItemsFunction.KEY)
                .process(new TopItemsFunction(demand)).setParallelism(1).name("top-items").uid("top-items");
        DataStream<DemandObservation> trackedItems = items
                .connect(topItems)
                .keyBy(DemandObservation::series, SeriesMembership::series)
                .process(new TrackedSeriesGate(demand)).name("tracked-items").uid("tracked-items");
        return categories.union(trackedItems);
    }

    /**
     * Every accepted event and every forget, for the user's fraud state, in the order user-activity accepted them; and
     * for each cart, purchase, signup and login, its sightings: the device- and IP-keyed operators count the users of
     * each (user-activity sends them a forgotten user's removals) and send the counts on to the user's key, where the
     * event waits for them. Browsing, nine events in ten, takes the one shuffle by user; the cross-key hops carry
     * small lookups, not events.
     */
    private static DataStream<FraudInput> fraudInputs(DataStream<UserInput> accepted,
            SingleOutputStreamOperator<ItemSignal> signals, JobSettings settings) {
        DataStream<FraudInput> inUserOrder = accepted
                .map(FraudInput::inUserOrder).returns(WireTypes.FRAUD_INPUT).name("fraud-inputs").uid("fraud-inputs");
        DataStream<FraudInput> sightings = accepted
                .filter(input -> input.event() != null && RiskEvent.isTransactional(input.event().type()))
                .name("transactional-events").uid("transactional-events")
                .map(input -> CrossKeyLookup.of(input.event())).returns(WireTypes.CROSS_KEY_LOOKUP)
                .name("cross-key-lookups").uid("cross-key-lookups")
                .keyBy(CrossKey.DEVICE.keySelector())
                .connect(signals.getSideOutput(UserActivityFunction.DEVICE_FORGETS).keyBy(CrossKeyForget::key))
                .process(new CrossKeySightingsFunction(CrossKey.DEVICE, settings.fraud(), settings.forgetHorizon()))
                .name("device-users").uid("device-users")
                .keyBy(CrossKey.IP.keySelector())
                .connect(signals.getSideOutput(UserActivityFunction.IP_FORGETS).keyBy(CrossKeyForget::key))
                .process(new CrossKeySightingsFunction(CrossKey.IP, settings.fraud(), settings.forgetHorizon()))
                .name("ip-users").uid("ip-users")
                .map(FraudInput::of).returns(WireTypes.FRAUD_INPUT).name("fraud-sightings").uid("fraud-sightings");
        return inUserOrder.union(sightings);
    }

    private static void write(SingleOutputStreamOperator<OutputRecord> encoded, Topic topic, OutputSinks sinks) {
        String name = topic.topicName();
        DataStreamSink<OutputRecord> sink = encoded.returns(OutputRecord.class)
                .name("encode-" + name).uid("encode-" + name)
                .sinkTo(sinks.sink(topic)).name(name + "-sink").uid(name + "-sink");
        if (sinks.parallelism(topic) > 0) {
            sink.setParallelism(sinks.parallelism(topic));
        }
    }

    /**
     * Forget commands carry no event time. An input without watermarks would hold back the watermark of each operator
     * it joins, and every event-time timer after it; one at +∞ would let the watermark jump to +∞ whenever the events
     * idle. So the input declares itself idle: the valves leave it out, and the events alone move event time.
     */
    private static WatermarkStrategy<ForgetUser> noEventTime() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(ForgetUser forget, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    /** Rejected records carry no event time; they must not move the watermark. */
    public static WatermarkStrategy<Ingested> watermarks(JobSettings settings) {
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner((record, kafkaTimestamp) ->
                        record.isAccepted() ? record.event().eventTime() : Long.MIN_VALUE)
                .withIdleness(settings.idleness());
    }
}
