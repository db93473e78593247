/**
 * Losses written as formulas: a small math language compiled once into an allocation-free
 * evaluator of the value and the exact gradient (reverse-mode automatic differentiation over a tape).
 *
 * <p>{@link dev.gdsweep.loss.formula.Formula#parse Formula.parse} checks a formula and compiles it;
 * {@link dev.gdsweep.loss.formula.FormulaLoss} evaluates it as a {@link dev.gdsweep.loss.Loss}; a
 * malformed formula raises a {@link dev.gdsweep.loss.formula.FormulaParseException} that points at
 * the offending column.
 *
 * <h2>Evaluation</h2>
 *
 * A formula is compiled once per task (each task builds its own loss) into a tape: a straight-line
 * program over numbered slots, with constants folded, repeated subexpressions shared and
 * {@code (a - b)^2} fused. {@code FormulaLoss} interprets it with reverse-mode automatic
 * differentiation, one run at a time ({@code valueAndGradient}) or many runs at once
 * ({@code valuesAndGradients} of {@link dev.gdsweep.loss.LaneLoss}): there each operation is one loop
 * over the runs, so the interpreter's dispatch is paid once per operation, backward factors that are
 * the same in every run are worked out once, and every run's value and gradient are bit for bit
 * those of the one-at-a-time path. Neither allocates once its buffers are sized.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * formula  = sum
 * sum      = product { ("+" | "-") product }          left-associative
 * product  = negation { ("*" | "/") negation }        left-associative
 * negation = "-" negation | power
 * power    = primary [ "^" negation ]                 right-associative: 2^3^2 = 2^9
 * primary  = number | variable | constant | function "(" sum { "," sum } ")" | "(" sum ")"
 * number   = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ]
 * exponent = ("e" | "E") [ "+" | "-" ] digits
 * name     = (letter | "_") { letter | digit | "_" }  ASCII, case-sensitive
 * </pre>
 *
 * <ul>
 *   <li>{@code ^} binds tighter than unary minus ({@code -x^2} is {@code -(x^2)}), and its exponent
 *       may itself be negated ({@code 2^-1} is 0.5). There is no unary plus.
 *   <li>Functions: {@code sin cos tan asin acos atan sinh cosh tanh exp log log1p sqrt abs} of one
 *       argument, {@code pow min max} of two. {@code pow(a, b)} is {@code a^b}. {@code log} is the
 *       natural logarithm.
 *   <li>Constants: {@code pi}, {@code e}, and those the caller names; variables are the caller's.
 *   <li>Whitespace (including newlines) is ignored; implicit multiplication ({@code 2x},
 *       {@code x y}, {@code 2(x)}) is an error.
 *   <li>At most {@value dev.gdsweep.loss.formula.Formula#MAX_LENGTH} characters and
 *       {@value dev.gdsweep.loss.formula.Formula#MAX_DEPTH} levels of nesting (parentheses, calls,
 *       unary minus and exponents each count one level).
 * </ul>
 *
 * <p>The derivative rules at points where a function is not differentiable are listed on
 * {@link dev.gdsweep.loss.formula.FormulaLoss}.
 */
package dev.gdsweep.loss.formula;
