package com.example.gdsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdsweep.loss.GradientCheck;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TiltedValleyTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        TiltedValley loss = new TiltedValley(2, Map.of("steepness", 30.0, "tilt", -0.7));
        Random random = new Random(1);
        double[][] points = new double[500][2];
        for (double[] p : points) {
            p[0] = -5 + 10 * random.nextDouble();
            p[1] = -5 + 10 * random.nextDouble();
        }
        GradientCheck.Result r = GradientCheck.check(loss, points);
        assertEquals(500, r.checked());
        assertTrue(r.worstError() < 1e-6, "worst error " + r.worstError());
    }

    @Test
    void theListedMinimumIsOne() {
        TiltedValley loss = new TiltedValley(2, Map.of("tilt", 2.0));
        double[] g = new double[2];
        double[] minimum = loss.knownMinima().get(0).point();
        assertEquals(0.0, loss.valueAndGradient(minimum, g));
        assertEquals(0.0, g[0]);
        assertEquals(0.0, g[1]);
    }

    @Test
    void badParamsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TiltedValley(2, Map.of("steep", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> new TiltedValley(2, Map.of("steepness", -1.0)));
        assertThrows(IllegalArgumentException.class, () -> new TiltedValley(3, Map.of()));
    }

    @Test
    void fragileThrowsOutsideItsRadius() {
        Fragile loss = new Fragile(2, Map.of("radius", 1.0));
        assertEquals(0.5, loss.value(new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> loss.value(new double[] {1, 1}));
    }
}
