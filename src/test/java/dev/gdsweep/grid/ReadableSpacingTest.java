package dev.gdsweep.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A range's values are short decimals a user can type back: decades and ends exact, printed to round-trip. */
class ReadableSpacingTest {

    @Test
    void aLogRangeHoldsItsDecadesExactly() {
        LearningRates lr = LearningRates.log(1e-4, 1, 9);

        // Without rounding, exp(log(1e-4) + 0.5 (log 1 - log 1e-4)) is 0.010000000000000004.
        assertThat(lr.get(4)).isEqualTo(0.01);
        assertThat(new double[] {lr.get(0), lr.get(2), lr.get(4), lr.get(6), lr.get(8)})
                .containsExactly(1e-4, 1e-3, 1e-2, 1e-1, 1.0);
        assertThat(new double[] {lr.get(1), lr.get(3), lr.get(5), lr.get(7)})
                .containsExactly(3.16228e-4, 3.16228e-3, 0.0316228, 0.316228);
    }

    @Test
    void aLinearRangeHoldsTheDecimalsBetweenItsEnds() {
        LearningRates lr = LearningRates.linear(0.05, 0.25, 5);

        assertThat(new double[] {lr.get(0), lr.get(1), lr.get(2), lr.get(3), lr.get(4)})
                .containsExactly(0.05, 0.1, 0.15, 0.2, 0.25);
        // 0.1 + 2 x 0.1 is 0.30000000000000004 in doubles; the range holds 0.3.
        assertThat(LearningRates.linear(0.1, 0.5, 5).get(2)).isEqualTo(0.3);
    }

    @ParameterizedTest
    @CsvSource({"true, 1e-4, 1, 9", "true, 0.001, 0.5, 50", "true, 1e-8, 10, 1000", "true, 1e-300, 1e300, 777",
        "false, 0.05, 0.25, 5", "false, 0.01, 0.7, 1000", "false, 1e-4, 1, 9", "true, 7.3e-3, 0.41, 13"})
    void everyValueIsThePrintedDecimalAndTheEndsAreExact(boolean log, double from, double to, int count) {
        for (int i = 0; i < count; i++) {
            double v = ReadableSpacing.point(log, from, to, count, i);
            String printed = ReadableSpacing.text(v);
            assertThat(Double.parseDouble(printed)).as("value %d printed as %s", i, printed).isEqualTo(v);
            if (i > 0) {
                assertThat(v).as("value %d", i).isGreaterThan(ReadableSpacing.point(log, from, to, count, i - 1));
            }
        }
        assertThat(ReadableSpacing.point(log, from, to, count, 0)).isEqualTo(from);
        assertThat(ReadableSpacing.point(log, from, to, count, count - 1)).isEqualTo(to);
    }

    @Test
    void pointsCloserThanSixDigitsCanTellApartGetMoreDigits() {
        // 100,001 values from 1 to 1.001: neighbours 1e-8 apart, 6 digits would make most of them equal.
        int count = 100_001;
        double previous = ReadableSpacing.point(false, 1, 1.001, count, 0);
        for (int i = 1; i < count; i++) {
            double v = ReadableSpacing.point(false, 1, 1.001, count, i);
            assertThat(v).as("value %d", i).isGreaterThan(previous).isCloseTo(1 + i * 1e-8, within(1e-11));
            previous = v;
        }
        assertThat(ReadableSpacing.digits(1e-8)).isEqualTo(12);
        assertThat(ReadableSpacing.digits(0.5)).isEqualTo(ReadableSpacing.MIN_DIGITS);
        assertThat(ReadableSpacing.digits(0)).isEqualTo(17);
    }

    @Test
    void textIsTheShortestDecimalThatParsesBack() {
        assertThat(ReadableSpacing.text(0.01)).isEqualTo("0.01");
        assertThat(ReadableSpacing.text(0.010000000000000004)).isEqualTo("0.010000000000000004");
        assertThat(ReadableSpacing.text(3.16228e-4)).isEqualTo("0.000316228");
        assertThat(ReadableSpacing.text(250)).isEqualTo("250");
        assertThat(ReadableSpacing.text(1e-6)).isEqualTo("1e-6");
        assertThat(ReadableSpacing.text(3.16228e-5)).isEqualTo("3.16228e-5");
        assertThat(ReadableSpacing.text(1.5e12)).isEqualTo("1.5e12");
        assertThat(ReadableSpacing.text(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ReadableSpacing.text(0)).isEqualTo("0");
    }
}
