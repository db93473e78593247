package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gdsweep.engine.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The explore section's embedded data: the sample's cap, its statuses, the JSON's escaping, no browser needed. */
class ExploreDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code n} runs on a 2-D loss: all converged but for the counts given, spread over the ids. */
    private static List<RunPoint> runs(int n, Map<Status, Integer> rare, String configuration) {
        List<RunPoint> out = new ArrayList<>();
        List<Status> statuses = new ArrayList<>(Collections.nCopies(n, Status.CONVERGED));
        int at = 0;
        for (Map.Entry<Status, Integer> e : rare.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                statuses.set((at++ * 7919) % n, e.getKey());
            }
        }
        for (int i = 0; i < n; i++) {
            Status s = statuses.get(i);
            out.add(new RunPoint(i, configuration, i % 2 == 0 ? 0.01 : 0.1, new double[] {i % 100, i / 100},
                    new double[] {0, 0}, s, s == Status.DIVERGED ? Double.POSITIVE_INFINITY : 1e-3 * (i % 13), 10 + i % 50,
                    s == Status.CONVERGED ? 0 : null));
        }
        return out;
    }

    private static ReportData data(List<RunPoint> runs, int dimension, Map<Long, List<TrajectoryStep>> paths) {
        return new ReportData("s", "himmelblau", dimension, null, null, List.of(new KnownMinimum("global", new double[] {0, 0})),
                null, List.of(), runs, paths, "name: s\n", List.of());
    }

    @Test
    void aLargeSweepIsCutToTheCapAndKeepsEveryStatusAndEveryRecordedRun() {
        Map<Status, Integer> rare = new EnumMap<>(Status.class);
        rare.put(Status.PLATEAU, 5);
        rare.put(Status.MAX_ITERATIONS, 3);
        rare.put(Status.FAILED, 1);
        rare.put(Status.DIVERGED, 6_000);
        List<RunPoint> all = runs(50_000, rare, "gd, constant");
        Set<Long> recorded = Set.of(3L, 40_001L, 49_999L);

        List<RunPoint> sample = ExploreData.sample(all, recorded, ExploreData.MAX_RUNS);

        assertThat(sample).hasSize(ExploreData.MAX_RUNS);
        Map<Status, Long> counts = sample.stream().collect(Collectors.groupingBy(RunPoint::status, Collectors.counting()));
        assertThat(counts).containsEntry(Status.PLATEAU, 5L).containsEntry(Status.MAX_ITERATIONS, 3L)
                .containsEntry(Status.FAILED, 1L);
        // Each status in proportion: 12% diverged in the sweep, about as many in the sample.
        assertThat(counts.get(Status.DIVERGED) / (double) ExploreData.MAX_RUNS).isBetween(0.11, 0.13);
        assertThat(sample.stream().map(RunPoint::runId)).contains(3L, 40_001L, 49_999L);
        assertThat(sample).isSortedAccordingTo(java.util.Comparator.comparingLong(RunPoint::runId));
        // The same runs in another order give the same sample.
        List<RunPoint> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(ExploreData.sample(shuffled, recorded, ExploreData.MAX_RUNS)).isEqualTo(sample);
    }

    @Test
    void aSmallSweepIsEmbeddedWhole() throws Exception {
        List<RunPoint> all = runs(300, Map.of(Status.DIVERGED, 20), "gd, constant");
        JsonNode d = JSON.readTree(ExploreData.json(data(all, 2, Map.of()), 300));
        assertThat(d.get("total").asLong()).isEqualTo(300);
        assertThat(d.get("shown").asInt()).isEqualTo(300);
        assertThat(d.get("runs")).hasSize(300);
        // A diverged run's infinite loss is null: JSON has no infinity.
        JsonNode diverged = null;
        for (JsonNode r : d.get("runs")) {
            if (d.get("statuses").get(r.get(3).asInt()).asText().equals("DIVERGED")) {
                diverged = r;
            }
        }
        assertThat(diverged).isNotNull();
        assertThat(diverged.get(6).isNull()).isTrue();
        assertThat(d.get("rateLabels").get(0).asText()).isEqualTo("0.01");
    }

    @Test
    void thePageSaysHowManyRunsItShows() {
        Map<Status, Integer> rare = Map.of(Status.DIVERGED, 100);
        String page = ExploreData.insert("<main>" + ExploreData.MARKER + "</main>",
                data(runs(25_000, rare, "gd, constant"), 2, Map.of()));
        assertThat(page).contains("Showing 20000 of 25000 runs").contains("<section id=\"explore\">")
                .startsWith("<main>").endsWith("</section>\n</main>");
        assertThat(ExploreData.insert(ExploreData.MARKER, data(runs(10, Map.of(), "gd"), 2, Map.of())))
                .contains("Showing all 10 runs.");
    }

    @Test
    void textFromTheDataCannotEndTheScriptElement() throws Exception {
        String evil = "gd</script><script>alert('x')</script> & \"co\" \\ \u2028\u2029\n\u0001<!--";
        List<RunPoint> all = runs(20, Map.of(), evil);
        String page = ExploreData.insert(ExploreData.MARKER, data(all, 2, Map.of()));

        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"explore-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).isTrue();
        String json = m.group(1);
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
                .doesNotContain("\u2029");
        assertThat(JSON.readTree(json).get("configurations").get(0).asText()).isEqualTo(evil);
        // Exactly the two scripts of the section: the data and the code.
        assertThat(Pattern.compile("(?i)<script").matcher(page).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("(?i)</script").matcher(page).results().count()).isEqualTo(2);
    }

    @Test
    void withoutRecordedPathsThePathsAreEmptyAndTheDataStillReads() throws Exception {
        JsonNode d = JSON.readTree(ExploreData.json(data(runs(50, Map.of(), "gd"), 2, Map.of()), 50));
        assertThat(d.get("paths").size()).isZero();
        for (JsonNode r : d.get("runs")) {
            assertThat(r.get(9).asInt()).isZero();
        }
    }

    @Test
    void recordedPathsAreThinnedAndMarked() throws Exception {
        List<TrajectoryStep> steps = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            steps.add(new TrajectoryStep(i, 1.0 / (i + 1), new double[] {i, -i}, 0.1));
        }
        JsonNode d = JSON.readTree(ExploreData.json(data(runs(50, Map.of(), "gd"), 2, Map.of(7L, steps)), 50));
        JsonNode path = d.get("paths").get("7");
        assertThat(path.size()).isEqualTo(2 * ExploreData.POINTS_PER_PATH);
        assertThat(path.get(0).asDouble()).isZero();
        assertThat(path.get(path.size() - 2).asDouble()).isEqualTo(4_999);
        assertThat(path.get(path.size() - 1).asDouble()).isEqualTo(-4_999);
        assertThat(d.get("runs").get(7).get(9).asInt()).isOne();
    }

    @Test
    void aOneDimensionalLossHasNoPathsForABasinMap() throws Exception {
        List<RunPoint> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(new RunPoint(i, "gd", 0.1, new double[] {i}, new double[] {0}, Status.CONVERGED, 0.5, 3, 0));
        }
        List<TrajectoryStep> steps = List.of(new TrajectoryStep(0, 1, new double[] {1}, 1),
                new TrajectoryStep(1, 0.5, new double[] {0}, 0));
        JsonNode d = JSON.readTree(ExploreData.json(data(all, 1, Map.of(0L, steps)), 10));
        assertThat(d.get("dimension").asInt()).isOne();
        assertThat(d.get("coordinates").asInt()).isOne();
        assertThat(d.get("paths").size()).isZero();
        assertThat(d.get("runs").get(0).get(7)).hasSize(1);
    }

    @Test
    void aModelSweepCarriesItsTrainingAndValidationByRate() throws Exception {
        List<RunPoint> all = runs(4, Map.of(), "gd, constant");
        ReportData d = data(all, 2, Map.of()).withModelRates(List.of(
                new ModelRate("gd, constant", 0.01, 2, 2, 0.5, 0.6, 0.8, 0.75),
                new ModelRate("gd, constant", 0.1, 2, 2, 0.2, 0.3, 0.9, null)));
        JsonNode models = JSON.readTree(ExploreData.json(d, 4)).get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).toString()).isEqualTo("[0,0,0.5,0.6,0.8,0.75]");
        assertThat(models.get(1).get(5).isNull()).isTrue();
    }

    @Test
    void numbersKeepSixDigitsAndNonFiniteOnesAreNull() {
        StringBuilder out = new StringBuilder();
        for (Double v : new Double[] {1.0 / 3, 12.0, 1.23456789e-12, Double.NaN, Double.NEGATIVE_INFINITY, null}) {
            ExploreData.number(out, v);
            out.append(' ');
        }
        assertThat(out.toString()).isEqualTo("0.333333 12 1.23457E-12 null null null ");
        Set<String> seen = new HashSet<>();
        assertThat(seen.add(ExploreData.hex(Palette.status(Status.CONVERGED)))).isTrue();
        assertThat(seen).containsExactly("#2ca02c");
    }
}
