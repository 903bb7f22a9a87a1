package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** XMP's GPSCoordinate text, as videos and edited photos carry it. */
class XmpCoordinateTest {

    @Test
    void degreesMinutesAndSecondsOrDecimalMinutesWithTheirHemisphere() {
        assertThat(PhotoReader.xmpCoordinate("51,25.014N")).isCloseTo(51.4169, within(1e-4));
        assertThat(PhotoReader.xmpCoordinate("0,4,50.16W")).isCloseTo(-0.080600, within(1e-5));
        assertThat(PhotoReader.xmpCoordinate("33,51.5S")).isCloseTo(-33.8583, within(1e-4));
        assertThat(PhotoReader.xmpCoordinate("-12.5")).isEqualTo(-12.5);
        assertThat(PhotoReader.xmpCoordinate("north-ish")).isNull();
        assertThat(PhotoReader.xmpCoordinate(null)).isNull();
    }
}
