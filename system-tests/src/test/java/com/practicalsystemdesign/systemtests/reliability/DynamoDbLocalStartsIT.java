package com.practicalsystemdesign.systemtests.reliability;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import com.practicalsystemdesign.common.testing.Ports;
import com.practicalsystemdesign.common.testing.PrivateStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB Local, started by {@code scripts/private-store.sh} exactly as the local run
 * starts it, comes up on every start while both cores are busy: a first
 * {@code scripts/local-up.sh} on a busy machine once gave up on it "without a reason".
 */
class DynamoDbLocalStartsIT {

    private static final int STARTS = 20;

    @Test
    void startsEveryTimeWithEveryCoreBusy(@TempDir Path dir) {
        List<Integer> answered = new ArrayList<>();
        try (BusyCores busy = BusyCores.all()) {
            for (int start = 1; start <= STARTS; start++) {
                int port = Ports.free();
                PrivateStore.start("dynamodb", dir, port);
                try {
                    assertThat(tableNames(port)).as("start %d answers ListTables", start).isEmpty();
                    answered.add(start);
                }
                finally {
                    PrivateStore.stop("dynamodb", dir, false);
                }
            }
        }
        assertThat(answered).hasSize(STARTS);
    }

    private static List<String> tableNames(int port) {
        try (DynamoDbClient client = DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
            return client.listTables().tableNames();
        }
    }

    /** One spinning thread per CPU, as a parallel build or {@code stress --cpu} would. */
    private static final class BusyCores implements AutoCloseable {

        private volatile boolean busy = true;

        private final List<Thread> threads = new ArrayList<>();

        static BusyCores all() {
            BusyCores cores = new BusyCores();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                cores.threads.add(Thread.ofPlatform().daemon().start(cores::spin));
            }
            return cores;
        }

        private void spin() {
            long sink = 0;
            while (this.busy) {
                sink += System.nanoTime() % 7;
            }
            if (sink == 42) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            this.busy = false;
        }

    }

}
