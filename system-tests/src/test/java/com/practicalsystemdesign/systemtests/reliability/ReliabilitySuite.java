package com.practicalsystemdesign.systemtests.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;
import com.practicalsystemdesign.systemtests.e2e.Gateway;

/** What every suite of this package starts from: the one shared stack and its gateway. */
@RequiresTool(Tool.NGINX)
@ExtendWith(SharedStack.class)
abstract class ReliabilitySuite {

    static ReliabilityStack stack;

    static Gateway gateway;

    @BeforeAll
    static void useTheSharedStack(ReliabilityStack shared) {
        stack = shared;
        gateway = shared.gateway;
    }

}
