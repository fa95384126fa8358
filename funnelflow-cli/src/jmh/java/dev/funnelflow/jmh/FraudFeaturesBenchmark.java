package dev.funnelflow.jmh;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.ForestDetector;
import dev.funnelflow.alerts.fraud.FraudAssessment;
import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.alerts.fraud.RiskFeatures;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.event.ClickEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fraud operator's work per event, on users warmed up by half an hour of traffic: the user's risk state folds
 * the event in and the default rules are evaluated on its features (every event); the Random Cut Forest scores and
 * learns the event's vector (only carts, purchases, signups and logins, ~9% of events). The risk state's round
 * trip through its serializer is in {@code StateSerializationBenchmark}.
 */
public class FraudFeaturesBenchmark extends HotPathBenchmark {

    private FraudSettings settings;
    private List<FraudRule> rules;
    private final Map<String, UserRiskState> states = new HashMap<>();
    private Cycle<ClickEvent> events;
    private ForestDetector forest;
    private Cycle<double[]> transactionVectors;

    @Setup
    public void setUp() {
        Traffic traffic = Traffic.get();
        settings = Traffic.SETTINGS.fraud();
        rules = Traffic.SETTINGS.defaultFraudRules();
        forest = settings.newForest(0);
        List<double[]> vectors = new ArrayList<>();
        for (int i = 0; i < traffic.events.size(); i++) {
            ClickEvent event = traffic.events.get(i);
            RiskFeatures features = observe(event);
            if (RiskEvent.isTransactional(event.type())) {
                double[] raw = settings.vector().raw(features);
                if (i < traffic.sampleStart) {
                    forest.update(raw);
                } else {
                    vectors.add(raw);
                }
            }
        }
        events = new Cycle<>(traffic.events.subList(traffic.sampleStart, traffic.events.size()));
        transactionVectors = new Cycle<>(vectors);
    }

    @Benchmark
    public Optional<FraudAssessment> riskFeaturesAndRules() {
        RiskFeatures features = observe(events.next());
        features.setAnomalyScore(Double.NaN);
        return FraudAssessment.of(rules, features, List::of);
    }

    @Benchmark
    public double forestScoreAndUpdate() {
        double[] raw = transactionVectors.next();
        double score = forest.score(raw).normalized();
        forest.update(raw);
        return score;
    }

    private RiskFeatures observe(ClickEvent event) {
        UserRiskState state = states.computeIfAbsent(event.userId(), user -> UserRiskState.create(settings.risk()));
        return state.observe(event, CrossKeySightings.NONE, settings.risk());
    }
}
