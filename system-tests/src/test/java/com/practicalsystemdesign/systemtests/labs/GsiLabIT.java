package com.practicalsystemdesign.systemtests.labs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gsi lab, its lesson asserted from DynamoDB's own ScannedCount at each table size.
 */
@LabTools
class GsiLabIT {

    private static Lab lab;

    @BeforeAll
    static void runTheLab() {
        lab = Lab.run("gsi");
    }

    @Test
    void theIndexReadsAsManyItemsAtEverySizeWhileTheScanReadsTheWholeTable() {
        int sizes = (int) lab.number("sizes");
        assertThat(sizes).isGreaterThanOrEqualTo(3);
        double gsiItems = lab.number("size1.gsi_items");
        for (int size = 1; size <= sizes; size++) {
            assertThat(lab.number("size" + size + ".gsi_items")).as("GSI items read at size %d", size)
                .isEqualTo(gsiItems);
            assertThat(lab.number("size" + size + ".scan_items")).as("scan items read at size %d", size)
                .isGreaterThanOrEqualTo(lab.number("size" + size + ".rows"));
            assertThat(lab.number("size" + size + ".gsi_chats")).isEqualTo(10);
            assertThat(lab.number("size" + size + ".scan_chats")).isEqualTo(10);
        }
        assertThat(lab.number("size" + sizes + ".scan_items")).isGreaterThan(10 * lab.number("size1.scan_items"));
    }

    @Test
    void onTheLargestTableTheScanIsSlowerThanTheIndex() {
        int sizes = (int) lab.number("sizes");

        assertThat(lab.number("size" + sizes + ".scan_ms")).isGreaterThan(lab.number("size" + sizes + ".gsi_ms"));
    }

    @Test
    void printsItsConclusionAndDrawsTheCurves() {
        assertThat(lab.output()).contains("Conclusion: From 1000 to");
        assertThat(lab.wrote("gsi.svg")).isTrue();
    }

}
