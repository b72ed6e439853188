package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PortsTests {

    @Test
    void freePortsAreDistinctBindableAndOutsideTheRangeOfOutgoingConnections() throws IOException {
        List<Integer> ports = IntStream.range(0, 200).map(i -> Ports.free()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(10_000, 32_767));
        try (ServerSocket socket = new ServerSocket(ports.get(0))) {
            assertThat(socket.getLocalPort()).isEqualTo(ports.get(0));
        }
    }

    @Test
    void aPortSomethingListensOnIsNeverHandedOut() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            assertThatIllegalStateException().isThrownBy(() -> Ports.freeBetween(port, port + 1))
                .withMessageContaining("no free TCP port");
        }
    }

}
