package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/lab.sh list}: one line per learning objective of the design. */
class LabListIT {

    @Test
    void listsTheSevenLabsEachWithWhatItShows() {
        String list = Lab.list();

        assertThat(list.lines()).hasSize(7);
        assertThat(list.lines().map(line -> line.split("\\s+")[0])).containsExactly("cache-aside", "stale-race",
                "stampede", "gsi", "gateway", "outage", "shared-library");
        assertThat(list.lines()).allSatisfy(line -> assertThat(line.split("\\s+", 2)[1]).hasSizeGreaterThan(20));
    }

}
