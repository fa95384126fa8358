package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecayedVolumeTest {

    private static final long HALF_LIFE = 1000;

    @Test
    void halvesEveryHalfLife() {
        DecayedVolume volume = DecayedVolume.NONE.plus(8, 5000, HALF_LIFE);
        assertThat(volume.at(5000, HALF_LIFE)).isEqualTo(8);
        assertThat(volume.at(7000, HALF_LIFE)).isCloseTo(2, within(1e-12));
        assertThat(volume.plus(1, 6000, HALF_LIFE)).satisfies(v -> {
            assertThat(v.time()).isEqualTo(6000);
            assertThat(v.volume()).isCloseTo(5, within(1e-12));
        });
    }

    @Test
    void aLateSaleCountsAsDecayedToTheNewestTime() {
        DecayedVolume volume = DecayedVolume.NONE.plus(4, 3000, HALF_LIFE).plus(4, 2000, HALF_LIFE);
        assertThat(volume.time()).isEqualTo(3000);
        assertThat(volume.volume()).isCloseTo(6, within(1e-12));
    }
}
