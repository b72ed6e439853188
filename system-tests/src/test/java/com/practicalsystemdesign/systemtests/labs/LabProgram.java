package com.practicalsystemdesign.systemtests.labs;

/**
 * A lab: an experiment that sets up what it needs, measures, records every number it
 * measured, prints a table and draws its conclusion from those numbers (see
 * {@link LabRun}).
 */
interface LabProgram {

    void run(LabRun lab) throws Exception;

}
