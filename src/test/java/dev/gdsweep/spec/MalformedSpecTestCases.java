package dev.gdsweep.spec;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The catalogue of malformed specs, each with the exact message a user sees after "FILE": used by
 * {@code MalformedSpecTest} (the loader) and {@code BadInputCatalogueTest} (the command line).
 * Lines are 1-based lines of the spec text.
 */
public final class MalformedSpecTestCases {

    private MalformedSpecTestCases() {}

    private static final String LOSS = "loss: {function: himmelblau}\n";
    private static final String LR = "learning_rate: {log: {from: 1.0e-4, to: 0.1, count: 4}}\n";
    private static final String INIT = "initial_weights: {grid: {min: [-5, -5], max: [5, 5], count: [3, 3]}}\n";
    private static final String LINEAR = "loss:\n  model: linear_regression\n";
    private static final String MLP = "loss:\n  model: mlp\n";
    private static final String DATA = "  data: {path: conf/data/anscombe.csv, label: y}\n";
    private static final String ZEROS = "initial_weights: {zeros: true}\n";

    public static Stream<Arguments> all() {
        return Stream.of(
                bad("yaml syntax", "loss: {function: himmelblau\n" + LR + INIT,
                        ":2: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping)"),
                bad("tab indentation", "loss:\n\tfunction: booth\n",
                        ":2: YAML syntax error"),
                bad("empty", "", ": the spec is empty"),
                // Issue 19: 10,000 nested levels overflowed the stack (exit 1 and a 1,024-line trace).
                bad("deeply nested flow lists", LOSS + LR + INIT + "name: " + "[".repeat(10_000) + "]".repeat(10_000)
                                + "\n",
                        ":4: YAML nested more than 50 levels deep (lists and mappings inside each other); a spec needs"
                                + " a few"),
                bad("deeply nested flow mappings", LOSS + LR + INIT + "stopping: " + "{a: ".repeat(10_000) + "1"
                                + "}".repeat(10_000) + "\n",
                        ":4: YAML nested more than 50 levels deep (lists and mappings inside each other); a spec needs"
                                + " a few"),
                bad("deeply nested block mappings", LOSS + LR + INIT + nestedBlocks(1_000),
                        ":54: YAML nested more than 50 levels deep (lists and mappings inside each other); a spec needs"
                                + " a few"),
                // Issue 19: a 5 MB spec took 1.2 GB and 16 s before it was refused.
                bad("spec over 1 MiB", LOSS + LR + INIT + "# " + "x".repeat(5 << 20) + "\n",
                        ": spec file too large: 5.0 MiB, over the limit of 1 MiB for a spec file (ranges such as "
                                + "log: and random: describe large grids in a few lines)"),
                bad("not a mapping", "- 1\n- 2\n",
                        ":1: the spec must be a mapping of keys such as loss:, learning_rate:, initial_weights:, got a list"),
                bad("unknown top-level key", LOSS + LR + INIT + "stoping: {max_iterations: 5}\n",
                        ":4: stoping: unknown key 'stoping'; known keys here: name, loss, optimizer, schedule, "
                                + "learning_rate, initial_weights, stopping, output, limits"),
                // Found by InputFuzzTest (seed 2, data case 699): a line break in a name the user wrote split the
                // one-line message.
                bad("a key with a line break", LOSS + LR + INIT + "\"stop\\nping\": {}\n",
                        ":4: stop\\nping: unknown key 'stop\\nping'; known keys here: name, loss, optimizer"),
                bad("duplicate key", LOSS + LR + INIT + "loss: {function: booth}\n",
                        ":4: loss: duplicate key (first given on line 1)"),
                bad("missing loss", LR + INIT, ":1: missing required key 'loss'"),
                // Issue 19: a required key set to null was reported as missing, at line 1.
                bad("null learning rate", LOSS + "learning_rate: ~\n" + INIT,
                        ":2: learning_rate: is required, so it needs a value, got ~"),
                bad("empty learning rate", LOSS + "learning_rate:\n" + INIT,
                        ":2: learning_rate: is required, so it needs a value, got nothing"),
                bad("unknown function", "loss: {function: himmelbalu}\n" + LR + INIT,
                        ":1: loss.function: unknown loss function; built-ins: quadratic, rosenbrock, himmelblau, "
                                + "booth, beale, matyas, three_hump_camel, six_hump_camel, rastrigin, ackley, "
                                + "goldstein_price, styblinski_tang, got himmelbalu"),
                bad("parameter of a parameterless loss", "loss: {function: booth, params: {a: 1}}\n" + LR + INIT,
                        ":1: loss.params: loss 'booth' takes no parameters"),
                bad("unknown parameter", "loss: {function: rosenbrock, params: {c: 1}}\n" + LR + INIT,
                        ":1: loss.params.c: unknown key 'c'; known keys here: a, b"),
                bad("parameter rule", "loss:\n  function: rosenbrock\n  params:\n    b: -3\n" + LR + INIT,
                        ":4: loss.params.b: b must be > 0, got -3.0"),
                bad("diag length", "loss: {function: quadratic, params: {diag: [1, 2, 3]}}\n" + LR + INIT,
                        ":1: loss.params.diag: diag must have one entry per weight (2), but has 3"),
                bad("dimension mismatch", LOSS + LR
                                + "initial_weights: {grid: {min: [-5, -5, -5], max: [5, 5, 5], count: 3}}\n",
                        ":3: initial_weights: loss 'himmelblau' takes dimension 2, but the initial weights "
                                + "have dimension 3"),
                bad("negative learning rate", LOSS + "learning_rate: {values: [0.1, -0.01]}\n" + INIT,
                        ":2: learning_rate.values[1]: a learning rate must be a finite number > 0, got -0.01"),
                bad("zero learning rate", LOSS + "learning_rate: 0\n" + INIT,
                        ":2: learning_rate: a learning rate must be a finite number > 0, got 0"),
                bad("NaN learning rate", LOSS + "learning_rate: [.nan]\n" + INIT,
                        ":2: learning_rate[0]: a learning rate must be a finite number > 0, got .nan"),
                bad("infinite learning rate", LOSS + "learning_rate: {linear: {from: 0.1, to: .inf, count: 3}}\n"
                                + INIT,
                        ":2: learning_rate.linear.to: a learning rate must be a finite number > 0, got .inf"),
                bad("from > to", LOSS + "learning_rate:\n  log:\n    from: 0.1\n    to: 0.01\n    count: 3\n" + INIT,
                        ":5: learning_rate.log.to: must be >= from (0.1), got 0.01"),
                bad("log range through 0", LOSS + "learning_rate: {log: {from: 0, to: 0.1, count: 3}}\n" + INIT,
                        ":2: learning_rate.log.from: a learning rate must be a finite number > 0, got 0"),
                bad("count 0", LOSS + "learning_rate: {log: {from: 0.01, to: 0.1, count: 0}}\n" + INIT,
                        ":2: learning_rate.log.count: must be >= 1, got 0"),
                bad("fractional count", LOSS + "learning_rate: {log: {from: 0.01, to: 0.1, count: 2.5}}\n" + INIT,
                        ":2: learning_rate.log.count: must be a whole number, got 2.5"),
                bad("two kinds of rates", LOSS + "learning_rate: {log: {from: 0.01, to: 0.1, count: 3}, values: [1]}\n"
                                + INIT,
                        ":2: learning_rate.values: give only one of log, linear, values, got log and values"),
                bad("no kind of rates", LOSS + "learning_rate: {}\n" + INIT,
                        ":2: learning_rate: needs one of: log, linear, values"),
                bad("quoted number", LOSS + "learning_rate: \"0.1\"\n" + INIT,
                        ":2: learning_rate: must be a number, got \"0.1\""),
                bad("min > max", LOSS + LR + "initial_weights:\n  grid: {min: [-5, 5], max: [5, 4], count: 3}\n",
                        ":4: initial_weights.grid.max: coordinate 1 must be >= min's (5.0), got 4.0"),
                bad("min and max lengths", LOSS + LR + "initial_weights: {random: {count: 5, min: [0, 0], max: [1]}}\n",
                        ":3: initial_weights.random.max: needs as many coordinates as min (2), got 1"),
                bad("ragged points", LOSS + LR + "initial_weights:\n  points:\n    - [0, 0]\n    - [1, 2, 3]\n",
                        ":6: initial_weights.points[1]: every point needs the dimension of the first (2), got 3 "
                                + "coordinates"),
                bad("empty points", LOSS + LR + "initial_weights: {points: []}\n",
                        ":3: initial_weights.points: needs at least one point"),
                bad("text coordinate", LOSS + LR + "initial_weights: {points: [[0, zero]]}\n",
                        ":3: initial_weights.points[0][1]: must be a number, got zero"),
                bad("infinite coordinate", LOSS + LR + "initial_weights: {points: [[0, .inf]]}\n",
                        ":3: initial_weights.points[0][1]: must be a finite number, got .inf"),
                bad("negative random count", LOSS + LR + "initial_weights: {random: {count: -4, min: [0, 0], max: [1, 1]}}\n",
                        ":3: initial_weights.random.count: must be >= 1, got -4"),
                bad("unknown stopping key", LOSS + LR + INIT + "stopping:\n  tolerance: 1e-6\n",
                        ":5: stopping.tolerance: unknown key 'tolerance'; known keys here: max_iterations, "
                                + "gradient_tolerance, patience, min_delta, divergence_loss, max_seconds"),
                bad("negative max_iterations", LOSS + LR + INIT + "stopping: {max_iterations: -1}\n",
                        ":4: stopping.max_iterations: must be >= 0, got -1"),
                bad("negative tolerance", LOSS + LR + INIT + "stopping: {gradient_tolerance: -1e-6}\n",
                        ":4: stopping.gradient_tolerance: must be a finite number >= 0, got -1e-6"),
                bad("stopping not a mapping", LOSS + LR + INIT + "stopping: 100\n",
                        ":4: stopping: must be a mapping, got 100"),
                bad("bad name", "name: my sweep/1\n" + LOSS + LR + INIT,
                        ":1: name: must be letters, digits, '.', '_' or '-', starting with a letter or digit, got "
                                + "my sweep/1"),
                bad("grid over the limit", LOSS + LR + INIT + "limits: {max_runs: 35}\n",
                        ": the grid has 4 learning rates x 9 initial points = 36 runs, more than limits.max_runs = 35"),
                bad("unknown optimizer", LOSS + LR + INIT + "optimizer: [gd, adamw]\n",
                        ":4: optimizer[1]: unknown optimizer; known: gd, momentum, nesterov, adagrad, adadelta, "
                                + "rmsprop, adam, adamax, nadam, amsgrad, got adamw"),
                bad("momentum of 1", LOSS + LR + INIT + "optimizer:\n  name: momentum\n  momentum: [0.5, 1.0]\n",
                        ":6: optimizer.momentum[1]: must be >= 0 and < 1, got 1.0"),
                bad("negative epsilon", LOSS + LR + INIT + "optimizer: {name: adam, epsilon: -1.0e-8}\n",
                        ":4: optimizer.epsilon: must be a finite number > 0, got -1.0e-8"),
                bad("another optimizer's setting", LOSS + LR + INIT + "optimizer:\n  - gd\n  - {name: momentum, beta1: 0.9}\n",
                        ":6: optimizer[1].beta1: unknown key 'beta1'; known keys here: name, momentum"),
                bad("optimizer without a name", LOSS + LR + INIT + "optimizer: {momentum: 0.9}\n",
                        ":4: optimizer: missing required key 'name' (one of gd, momentum, nesterov, adagrad, adadelta, "
                                + "rmsprop, adam, adamax, nadam, amsgrad)"),
                bad("schedule without gamma", LOSS + LR + INIT + "schedule: {name: exponential}\n",
                        ":4: schedule: missing required key 'gamma'"),
                bad("schedule with a foreign key", LOSS + LR + INIT + "schedule: {name: constant, gamma: 0.5}\n",
                        ":4: schedule.gamma: unknown key 'gamma'; known keys here: name"),
                bad("step size 0", LOSS + LR + INIT + "schedule: {name: step, gamma: 0.5, step_size: 0}\n",
                        ":4: schedule.step_size: must be >= 1, got 0"),
                bad("empty output path", LOSS + LR + INIT + "output: {path: \"\"}\n",
                        ":4: output.path: must not be empty, got \"\""),
                bad("grid over the limit with batch sizes", LINEAR + DATA + "batch_size: [full, 8]\n" + LR
                                + "initial_weights: {random: {count: 9}}\nlimits: {max_runs: 71}\n",
                        ": the grid has 2 batch sizes x 4 learning rates x 9 initial points = 72 runs, more than "
                                + "limits.max_runs = 71"),
                bad("grid over the limit with optimizers and batch sizes", LINEAR + DATA + "optimizer: [gd, adam]\n"
                                + "batch_size: [full, 8]\n" + LR + "initial_weights: {random: {count: 9}}\n"
                                + "limits: {max_runs: 143}\n",
                        ": the grid has 2 optimizer settings x 1 schedules x 2 batch sizes x 4 learning rates x 9 "
                                + "initial points = 144 runs, more than limits.max_runs = 143"),
                bad("unknown model", "loss:\n  model: ridge\n" + DATA + LR + ZEROS,
                        ":2: loss.model: unknown model; known: linear_regression, logistic_regression, "
                                + "softmax_regression, mlp, got ridge"),
                bad("unknown data format", LINEAR + "  data: {path: conf/data/anscombe.csv, format: tsv, label: y}\n"
                                + LR + ZEROS,
                        ":3: loss.data.format: must be csv, libsvm or parquet, got tsv"),
                bad("data format not in the file name", LINEAR + "  data: {path: conf/data/anscombe.txt, label: y}\n"
                                + LR + ZEROS,
                        ":3: loss.data.path: cannot tell the format from the file name; give format: csv, libsvm or "
                                + "parquet, got conf/data/anscombe.txt"),
                bad("data without a label", LINEAR + "  data: {path: conf/data/anscombe.csv}\n" + LR + ZEROS,
                        ":3: loss.data: missing required key 'label' (the csv column holding the target)"),
                bad("unknown rule for missing values", LINEAR
                                + "  data: {path: conf/data/anscombe.csv, label: y, missing: skip}\n" + LR + ZEROS,
                        ":3: loss.data.missing: must be refuse or drop, got skip"),
                bad("an mlp's setting on another model", LINEAR + "  hidden: [4]\n" + DATA + LR + ZEROS,
                        ":3: loss.hidden: only for model: mlp"),
                bad("unknown activation", MLP + "  activation: sigmoid\n" + DATA + LR + ZEROS,
                        ":3: loss.activation: must be tanh or relu, got sigmoid"),
                bad("unknown reference", LINEAR + DATA + "  reference: mllib\n" + LR + ZEROS,
                        ":4: loss.reference: must be auto or none, got mllib"),
                bad("a reference that is not a text", "loss: {function: himmelblau, reference: [auto]}\n" + LR + INIT,
                        ":1: loss.reference: must be a text value, got a list"),
                // Found by InputFuzzTest (seed 19, case 2): a hidden layer of 10^8 units passed validate after
                // 8 s and 1.6 GB of buffers; of 2·10^9 units, it failed with exit 1.
                bad("an mlp too large to run", MLP + "  task: regression\n  hidden: [100000000]\n" + DATA + LR + ZEROS,
                        ":4: loss.hidden: the model has 300000001 weights, more than 16777216: each run keeps several"
                                + " vectors of them (weights, gradient, optimizer state), 128 MiB apiece at that size"),
                bad("an mlp too large for an array", MLP + "  task: regression\n  hidden: [2000000000]\n" + DATA + LR
                                + ZEROS,
                        ":4: loss.hidden: the model has 6000000001 weights, more than an array holds"),
                bad("unknown task", MLP + "  task: ranking\n" + DATA + LR + ZEROS,
                        ":3: loss.task: must be classification or regression, got ranking"),
                bad("an mlp's initialisation for another model", LINEAR + DATA + LR
                                + "initial_weights: {random: {count: 3, distribution: default}}\n",
                        ":5: initial_weights.random.distribution: must be normal, got default"),
                bad("unknown distribution for an mlp", MLP + "  task: regression\n" + DATA + LR
                                + "initial_weights: {random: {count: 3, distribution: uniform}}\n",
                        ":6: initial_weights.random.distribution: must be default or normal, got uniform"),
                // Loss settings as axes.
                bad("empty list of a loss setting", "loss:\n  function: rosenbrock\n  params: {b: []}\n" + LR + INIT,
                        ":3: loss.params.b: needs at least one value"),
                bad("non-numeric value of a loss axis", "loss:\n  function: rosenbrock\n  params:\n    b: [10, steep]\n"
                                + LR + INIT,
                        ":4: loss.params.b[1]: must be a number, got steep"),
                bad("a loss axis value that breaks the loss's rule", "loss:\n  function: rosenbrock\n  params:\n"
                                + "    b:\n      - 10\n      - -1\n" + LR + INIT,
                        ":6: loss.params.b[1]: b must be > 0, got -1.0 (loss setting rosenbrock(a=1, b=-1))"),
                bad("a vector axis with a wrong length", "loss:\n  function: quadratic\n  params:\n"
                                + "    diag: [[1, 10], [1, 100, 1000]]\n" + LR + INIT,
                        ":4: loss.params.diag[1]: diag must have one entry per weight (2), but has 3 (loss setting "
                                + "quadratic(diag=[1, 100, 1000]))"),
                bad("a vector axis mixing vectors and numbers", "loss:\n  function: quadratic\n  params:\n"
                                + "    diag: [[1, 10], 5]\n" + LR + INIT,
                        ":4: loss.params.diag[1]: must be a list, got 5"),
                bad("a loss setting list in the wrong place", "loss: {function: [rosenbrock, booth]}\n" + LR + INIT,
                        ":1: loss.function: must be a text value, got a list"),
                bad("a list of models", "loss:\n  model: [linear_regression, logistic_regression]\n" + DATA + LR + ZEROS,
                        ":2: loss.model: must be a text value, got a list"),
                bad("a list of hidden layers", MLP + "  hidden: [[4], [8]]\n" + DATA + LR + ZEROS,
                        ":3: loss.hidden[0]: must be a whole number, got a list"),
                bad("negative l2 in a list", LINEAR + DATA + "  l2: [0, 1.0e-3, -1]\n" + LR + ZEROS,
                        ":4: loss.l2[2]: must be a finite number >= 0, got -1"),
                bad("an empty l2 list", LINEAR + DATA + "  l2: []\n" + LR + ZEROS,
                        ":4: loss.l2: needs at least one value"),
                bad("a log range of l2 from 0", LINEAR + DATA + "  l2: {log: {from: 0, to: 0.1, count: 3}}\n" + LR
                                + ZEROS,
                        ":4: loss.l2.log.from: a log range needs from > 0, got 0"),
                bad("a non-numeric formula constant in a list", "loss:\n  expression: a * x^2 + y^2\n"
                                + "  variables: [x, y]\n  constants: {a: [1, two]}\n" + LR + INIT,
                        ":4: loss.constants.a[1]: must be a number, got two"),
                bad("too many loss settings", "loss:\n  function: rosenbrock\n  params:\n"
                                + "    a: {linear: {from: 0, to: 1, count: 1000}}\n    b: {log: {from: 1, to: 1000, count: 1000}}\n"
                                + "learning_rate: {log: {from: 1.0e-4, to: 0.1, count: 1000}}\n"
                                + "initial_weights: {random: {count: 1000, min: [-1, -1], max: [1, 1]}}\n",
                        ": the grid has 1000000 loss settings x 1000 learning rates x 1000 initial points = "
                                + "1000000000000 runs, more than limits.max_runs = 1000000000"),
                // Issue 20: the share of starts a recommended rate needs.
                bad("a min_share above 1", LOSS + LR + INIT + "recommend: {min_share: 95}\n",
                        ":4: recommend.min_share: must be > 0 and <= 1 (the share of starts a recommended rate needs: "
                                + "0.95 is 95%), got 95"),
                bad("a min_share of 0", LOSS + LR + INIT + "recommend:\n  min_share: 0\n",
                        ":5: recommend.min_share: must be > 0 and <= 1 (the share of starts a recommended rate needs: "
                                + "0.95 is 95%), got 0"),
                bad("an unknown recommend key", LOSS + LR + INIT + "recommend: {share: 0.9}\n",
                        ":4: recommend.share: unknown key 'share'; known keys here: min_share"),
                // Issue 14: refinement settings.
                bad("refine without targets", LOSS + LR + INIT + "refine: {tolerance: 0.01}\n",
                        ":4: refine: missing required key 'targets'"),
                bad("an unknown refine target", LOSS + LR + INIT + "refine:\n  targets: [boundary, fastes]\n",
                        ":5: refine.targets[1]: must be boundary or fastest, got fastes"),
                bad("a refine tolerance of 0", LOSS + LR + INIT + "refine:\n  targets: [boundary]\n  tolerance: 0\n",
                        ":6: refine.tolerance: must be > 0 and < 1 (the relative width hi/lo - 1 of a final bracket), got 0"),
                bad("a refine tolerance of 1", LOSS + LR + INIT + "refine: {targets: [fastest], tolerance: 1}\n",
                        ":4: refine.tolerance: must be > 0 and < 1 (the relative width hi/lo - 1 of a final bracket), got 1"),
                bad("refine max_rounds 0", LOSS + LR + INIT + "refine: {targets: [boundary], max_rounds: 0}\n",
                        ":4: refine.max_rounds: must be"),
                bad("refine max_runs below the grid", LOSS + LR + INIT + "refine: {targets: [boundary], max_runs: 30}\n",
                        ":4: refine.max_runs: must be at least the spec's own grid, 36 runs, since it counts them too, got 30"),
                bad("refine from one learning rate", LOSS + "learning_rate: {values: [0.01]}\n" + INIT
                                + "refine: {targets: [boundary]}\n",
                        ":4: refine: needs a learning_rate axis of at least two rates to start from (it has 1)"));
    }

    /** {@code levels} block mappings, each inside the one above, from line 4 on. */
    private static String nestedBlocks(int levels) {
        StringBuilder sb = new StringBuilder("stopping:\n");
        for (int i = 1; i < levels; i++) {
            sb.append(" ".repeat(i)).append("a:\n");
        }
        return sb.append(" ".repeat(levels)).append("a: 1\n").toString();
    }

    private static Arguments bad(String what, String yaml, String expected) {
        return Arguments.of(what, yaml, expected);
    }

}
