package com.practicalsystemdesign.systemtests.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

/**
 * Chat traffic that remembers what was acknowledged: chats created (201) and participants added
 * (201), which DynamoDB must still hold after any outage, and reads of those chats.
 */
final class ChatWorkload implements Load.Step {

    private final Gateway gateway;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final AtomicLong sequence = new AtomicLong();

    private final List<String> chats = new CopyOnWriteArrayList<>();

    private final Map<String, Set<String>> participants = new ConcurrentHashMap<>();

    ChatWorkload(Gateway gateway) {
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

    /** Acknowledged chats and participants that DynamoDB does not hold. */
    List<String> lostWrites(ChatTables tables) {
        List<String> lost = new ArrayList<>();
        for (String chat : chats) {
            if (!tables.chatExists(chat)) {
                lost.add("chat " + chat + " is missing");
            }
            Set<String> stored = tables.participantsOf(chat);
            participants.getOrDefault(chat, Set.of()).stream()
                .filter(participant -> !stored.contains(participant))
                .forEach(participant -> lost.add("participant " + participant + " of " + chat + " is missing"));
        }
        return lost;
    }

    int acknowledgedWrites() {
        return chats.size() + participants.values().stream().mapToInt(Set::size).sum();
    }

    private void create(Load load) {
        Reply reply = load.send("chat create", () -> gateway.post("/api/chats", "{\"name\":\"Load " + run + "\"}"));
        if (reply != null && reply.status() == 201) {
            chats.add(reply.json().get("id").asString());
        }
    }

    private void addParticipant(String chat, Load load) {
        String participant = "p-" + run + "-" + sequence.incrementAndGet() % 50;
        Reply reply = load.send("participant add",
                () -> gateway.post("/api/chats/" + chat + "/participants", "{\"participant_ids\":[\"" + participant + "\"]}"));
        if (reply != null && reply.status() == 201) {
            participants.computeIfAbsent(chat, key -> ConcurrentHashMap.newKeySet()).add(participant);
        }
    }
}
