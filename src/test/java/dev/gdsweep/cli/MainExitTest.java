package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When {@code Main.main} calls {@code System.exit}: everywhere but after a success under YARN cluster mode. */
class MainExitTest {

    @Test
    void aYarnClusterModeDriverReturnsOnSuccessSoTheApplicationMasterReportsIt() {
        assertThat(Main.exitsTheJvm(ExitCodes.OK, "yarn", "cluster")).isFalse();
    }

    @Test
    void aYarnClusterModeDriverStillExitsWithAFailuresCode() {
        assertThat(Main.exitsTheJvm(ExitCodes.FAILED, "yarn", "cluster")).isTrue();
        assertThat(Main.exitsTheJvm(ExitCodes.BAD_INPUT, "yarn", "cluster")).isTrue();
    }

    @Test
    void everyOtherDriverExitsWithItsCode() {
        assertThat(Main.exitsTheJvm(ExitCodes.OK, null, null)).isTrue();
        assertThat(Main.exitsTheJvm(ExitCodes.OK, "yarn", "client")).isTrue();
        assertThat(Main.exitsTheJvm(ExitCodes.OK, "spark://127.0.0.1:7077", "cluster")).isTrue();
        assertThat(Main.exitsTheJvm(ExitCodes.OK, "local[2]", null)).isTrue();
    }
}
