package dev.gdsweep.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void parsesExactlyLikeDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> mismatches = new java.util.ArrayList<>();
        for (int k = 0; k < 60_000; k++) {
            String text;
            switch (k % 6) {
                case 0:
                    text = Double.toString(random.nextDouble(-1e6, 1e6));
                    break;
                case 1:
                    text = String.format(Locale.ROOT, "%." + random.nextInt(0, 8) + "f", random.nextGaussian() * 100);
                    break;
                case 2:
                    text = String.format(Locale.ROOT, "%." + random.nextInt(0, 17) + "e",
                            random.nextDouble() * Math.pow(10, random.nextInt(-40, 40)));
                    break;
                case 3:
                    text = Long.toString(random.nextLong(-10_000_000_000_000_000L, 10_000_000_000_000_000L));
                    break;
                case 4:
                    text = "0." + "0".repeat(random.nextInt(0, 25)) + random.nextInt(1, 1_000_000);
                    break;
                default:
                    text = random.nextInt(0, 1000) + "e" + random.nextInt(-30, 30);
                    break;
            }
            if (Double.compare(Cells.parseNumber(text), Double.parseDouble(text)) != 0) {
                mismatches.add(text);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void edgeCases() {
        assertThat(Cells.parseNumber(".5")).isEqualTo(0.5);
        assertThat(Cells.parseNumber("5.")).isEqualTo(5);
        assertThat(Cells.parseNumber("+1")).isEqualTo(1);
        assertThat(Cells.parseNumber("-0")).isEqualTo(-0.0);
        assertThat(Cells.parseNumber("0e999999999999")).isEqualTo(0.0);
        assertThat(Cells.parseNumber("1e999999999999")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Cells.parseNumber("1e-999999999999")).isEqualTo(0.0);
        assertThat(Cells.parseNumber("9007199254740993")).isEqualTo(9007199254740992.0);
        assertThat(Cells.parseNumber("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
        assertThat(Cells.parseNumber("0.1")).isEqualTo(0.1);
        assertThat(Cells.parseNumber("1E22")).isEqualTo(1e22);
        assertThat(Cells.parseNumber("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        for (String bad : List.of("", "+", "-", ".", "e5", "1e", "1e+", "Infinity", "NaN", "0x1p3", "1d", "1f", "1 2",
                " 1", "1,5", "1..2", "١")) {
            assertThat(Cells.parseNumber(bad)).as(bad).isNaN();
        }
    }

    @Test
    void missingMarkers() {
        for (String missing : List.of("", "NA", "na", "Na", "NaN", "nan", "NAN", "null", "NULL", "Null")) {
            assertThat(Cells.isMissing(missing)).as(missing).isTrue();
        }
        for (String present : List.of("0", "N", "N/A", "none", "-", "nil", "nulls")) {
            assertThat(Cells.isMissing(present)).as(present).isFalse();
        }
    }
}
