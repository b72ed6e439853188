package com.practicalsystemdesign.systemtests.labs;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.reliability.ChatTables;

/**
 * "The chats of a participant" as the participants table grows: answered by chat-service
 * itself ({@code GET /chats/participant/{id}}: a Query of the GSI participantId-index,
 * then one BatchGetItem of the chats) and by a Scan of the whole participants table with
 * a filter, what a table without the index would have to do. Items read are DynamoDB's
 * own ScannedCount; latency is the median of five answers after one to warm up.
 */
class GsiLab implements LabProgram {

    private static final String PARTICIPANT = "lab-participant";

    private static final int CHATS_OF_PARTICIPANT = 10;

    private static final int PARTICIPANTS_PER_FILLER_CHAT = 5;

    @Override
    public void run(LabRun lab) throws Exception {
        int[] sizes = lab.isShort() ? new int[] { 1000, 5000, 20000 } : new int[] { 1000, 10000, 100000 };
        lab.step("starting a stack of its own (chat-service and its DynamoDB Local)");
        LabStack stack = LabStack.start(lab, Map.of());
        ChatTables tables = lab
            .closeAtEnd(new ChatTables(URI.create("http://127.0.0.1:" + stack.port("DYNAMODB_PORT"))));
        Gateway chatService = new Gateway("http://127.0.0.1:" + stack.port("CHAT_SERVICE_PORT"));
        lab.step(CHATS_OF_PARTICIPANT + " chats of " + PARTICIPANT + ", created through the API");
        for (int chat = 0; chat < CHATS_OF_PARTICIPANT; chat++) {
            String id = chatService.post("/chats", "{\"name\":\"Lab chat " + chat + "\"}").json().get("id").asString();
            chatService.post("/chats/" + id + "/participants", "{\"participant_ids\":[\"" + PARTICIPANT + "\"]}");
        }
        lab.step("growing the participants table to " + Arrays.toString(sizes)
                + " rows, answering at each size both ways (median of 5)");
        List<double[]> gsiItems = new ArrayList<>();
        List<double[]> scanItems = new ArrayList<>();
        List<double[]> gsiMillis = new ArrayList<>();
        List<double[]> scanMillis = new ArrayList<>();
        Table table = Table.of("participant rows", "GSI: items read", "GSI: ms", "scan: items read", "scan: ms",
                "chats found (GSI / scan)");
        int rows = CHATS_OF_PARTICIPANT;
        for (int index = 0; index < sizes.length; index++) {
            List<Map.Entry<String, String>> filler = new ArrayList<>();
            for (int row = rows; row < sizes[index]; row++) {
                filler.add(Map.entry("filler-chat-" + row / PARTICIPANTS_PER_FILLER_CHAT, "user-" + row));
            }
            tables.putParticipants(filler);
            rows = sizes[index];
            String key = "size" + (index + 1);
            int chats = chatService.get("/chats/participant/" + PARTICIPANT).json().size();
            long indexItems = tables.itemsReadByIndexQuery(PARTICIPANT) + chats;
            double indexMillis = medianMillis(() -> chatService.get("/chats/participant/" + PARTICIPANT));
            ChatTables.ScanAnswer scan = tables.chatsOfParticipantByScan(PARTICIPANT);
            double scanMs = medianMillis(() -> tables.chatsOfParticipantByScan(PARTICIPANT));
            lab.record(key + ".rows", rows);
            lab.record(key + ".gsi_items", indexItems);
            lab.record(key + ".gsi_ms", indexMillis);
            lab.record(key + ".scan_items", scan.itemsRead());
            lab.record(key + ".scan_ms", scanMs);
            lab.record(key + ".gsi_chats", chats);
            lab.record(key + ".scan_chats", scan.chats());
            table.row(rows, indexItems, LabRun.round(indexMillis), scan.itemsRead(), LabRun.round(scanMs),
                    chats + " / " + scan.chats());
            gsiItems.add(new double[] { rows, indexItems });
            scanItems.add(new double[] { rows, scan.itemsRead() });
            gsiMillis.add(new double[] { rows, indexMillis });
            scanMillis.add(new double[] { rows, scanMs });
        }
        lab.record("sizes", sizes.length);
        lab.print(table);
        lab.chart("gsi.svg",
                new SvgChart("Chats of one participant (10 chats): items read as the table grows",
                        "participant rows (log scale)", "items read (log scale)")
                    .logX()
                    .logY()
                    .line("GSI query + BatchGetItem (chat-service)", "#3b7dd8", gsiItems)
                    .line("Scan + filter + BatchGetItem", "#d83b3b", scanItems));
        lab.chart("gsi-latency.svg",
                new SvgChart("Chats of one participant (10 chats): latency as the table grows",
                        "participant rows (log scale)", "ms, median of 5 (log scale)")
                    .logX()
                    .logY()
                    .line("GET /chats/participant/{id} (GSI, through chat-service's HTTP API)", "#3b7dd8", gsiMillis)
                    .line("Scan + filter + BatchGetItem (SDK, no HTTP API)", "#d83b3b", scanMillis));
        String last = "size" + sizes.length;
        lab.finish("From " + sizes[0] + " to " + sizes[sizes.length - 1] + " participant rows the GSI query read "
                + lab.recorded("size1.gsi_items") + " then " + lab.recorded(last + ".gsi_items") + " items ("
                + LabRun.format(lab.recorded("size1.gsi_ms")) + " -> " + LabRun.format(lab.recorded(last + ".gsi_ms"))
                + " ms) while the scan read " + lab.recorded("size1.scan_items") + " then "
                + lab.recorded(last + ".scan_items") + " (" + LabRun.format(lab.recorded("size1.scan_ms")) + " -> "
                + LabRun.format(lab.recorded(last + ".scan_ms"))
                + " ms): the index reads what the answer needs, the scan reads the whole table to find "
                + lab.recorded(last + ".scan_chats") + " chats.");
    }

    /**
     * The median of five timed runs, after one that warms the JIT and DynamoDB Local
     * alike.
     */
    private static double medianMillis(Supplier<?> answer) {
        answer.get();
        double[] millis = new double[5];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            answer.get();
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[2];
    }

}
