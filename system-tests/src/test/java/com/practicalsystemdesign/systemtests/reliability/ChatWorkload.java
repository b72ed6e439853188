package com.practicalsystemdesign.systemtests.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

/**
 * Chat traffic that remembers what was acknowledged, and when: chats created (201) and
 * participants added (201), which DynamoDB must still hold after any outage, and reads of
 * those chats.
 */
public final class ChatWorkload implements Load.Step {

    private final Gateway gateway;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final AtomicLong sequence = new AtomicLong();

    private final List<String> chats = new CopyOnWriteArrayList<>();

    /**
     * When each write was acknowledged, on the load's clock: chat id, or chat id + " " +
     * participant id.
     */
    private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();

    public ChatWorkload(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void run(int worker, Load load) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double dice = random.nextDouble();
        if (chats.isEmpty() || dice < 0.2) {
            create(load);
        }
        else if (dice < 0.5) {
            addParticipant(chats.get(random.nextInt(chats.size())), load);
        }
        else if (dice < 0.9) {
            load.send("chat read", () -> gateway.get("/api/chats/" + chats.get(random.nextInt(chats.size()))));
        }
        else {
            load.send("chats of participant", () -> gateway.get("/api/chats/participant/p-" + run + "-1"));
        }
    }

    /**
     * Acknowledged chats and participants that DynamoDB does not hold, of those
     * acknowledged when {@code judged}.
     */
    public List<String> lostWrites(ChatTables tables, LongPredicate judged) {
        List<String> lost = new ArrayList<>();
        Map<String, Set<String>> stored = new HashMap<>();
        acknowledgedAt.forEach((write, at) -> {
            if (!judged.test(at)) {
                return;
            }
            String[] chatAndParticipant = write.split(" ");
            String chat = chatAndParticipant[0];
            if (chatAndParticipant.length == 1 ? !tables.chatExists(chat)
                    : !stored.computeIfAbsent(chat, tables::participantsOf).contains(chatAndParticipant[1])) {
                lost.add(write + " (acknowledged at " + at + " ms) is missing");
            }
        });
        return lost;
    }

    public int acknowledgedWrites() {
        return acknowledgedAt.size();
    }

    private void create(Load load) {
        Reply reply = load.send("chat create", () -> gateway.post("/api/chats", "{\"name\":\"Load " + run + "\"}"));
        if (reply != null && reply.status() == 201) {
            String chat = reply.json().get("id").asString();
            acknowledgedAt.put(chat, load.now());
            chats.add(chat);
        }
    }

    private void addParticipant(String chat, Load load) {
        String participant = "p-" + run + "-" + sequence.incrementAndGet() % 50;
        Reply reply = load.send("participant add", () -> gateway.post("/api/chats/" + chat + "/participants",
                "{\"participant_ids\":[\"" + participant + "\"]}"));
        if (reply != null && reply.status() == 201) {
            acknowledgedAt.putIfAbsent(chat + " " + participant, load.now());
        }
    }

}
