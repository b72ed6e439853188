package com.practicalsystemdesign.systemtests.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.practicalsystemdesign.systemtests.e2e.Gateway;
import com.practicalsystemdesign.systemtests.e2e.Gateway.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User traffic that knows what it was promised. Reads go to any user; updates only to the
 * worker's own users, so each user's writes are sequential and "the last acknowledged
 * name" is well defined; creates add new users. Every name carries a sequence number, so
 * a read that returns a name older than what was acknowledged before the read started is
 * caught as stale, and at the end PostgreSQL must hold every acknowledged create and no
 * name older than the last acknowledged update.
 */
public final class UserWorkload implements Load.Step {

    static final String READ = "user read";

    private static final String PREFIX = "Load ";

    private final Gateway gateway;

    private final List<Long> ids;

    private final int workers;

    private final double updateShare;

    private final double createShare;

    private final AtomicLong sequence = new AtomicLong();

    private final Map<Long, AtomicLong> acknowledged = new ConcurrentHashMap<>();

    private final Map<Long, String> created = new ConcurrentHashMap<>();

    private final Queue<String> staleReads = new ConcurrentLinkedQueue<>();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public UserWorkload(Gateway gateway, List<Long> ids, int workers, double updateShare, double createShare) {
        assertThat(ids).as("every worker needs users of its own").hasSizeGreaterThanOrEqualTo(workers);
        this.gateway = gateway;
        this.ids = List.copyOf(ids);
        this.workers = workers;
        this.updateShare = updateShare;
        this.createShare = createShare;
        ids.forEach(id -> acknowledged.put(id, new AtomicLong()));
    }

    /**
     * Creates {@code count} users named as this workload expects ("Load 0") and returns
     * their ids.
     */
    public static List<Long> createUsers(Gateway gateway, int count, String label) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Reply reply = gateway.post("/api/users", body(PREFIX + 0, label + "-" + run + "-" + i + "@example.com"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            ids.add(reply.json().get("id").asLong());
        }
        return ids;
    }

    @Override
    public void run(int worker, Load load) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double dice = random.nextDouble();
        if (dice < createShare) {
            create(load);
        }
        else if (dice < createShare + updateShare) {
            update(ids.get(worker + workers * random.nextInt(ids.size() / workers)), load);
        }
        else {
            read(ids.get(random.nextInt(ids.size())), load);
        }
    }

    /** Reads that returned a name older than one acknowledged before they started. */
    List<String> staleReads() {
        return List.copyOf(staleReads);
    }

    /**
     * Acknowledged writes PostgreSQL does not hold: a create that is missing, an update
     * that was overwritten by an older one.
     */
    public List<String> lostWrites(PrivatePostgres postgres) {
        Map<Long, String> names = postgres
            .query("SELECT id, name FROM users", row -> Map.entry(row.getLong(1), row.getString(2)))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> lost = new ArrayList<>();
        created.forEach((id, name) -> {
            if (!names.containsKey(id)) {
                lost.add("created user " + id + " (" + name + ") is missing");
            }
        });
        acknowledged.forEach((id, last) -> {
            String stored = names.get(id);
            if (stored == null || sequenceOf(stored) < last.get()) {
                lost.add("user " + id + " holds '" + stored + "' but 'Load " + last.get() + "' was acknowledged");
            }
        });
        return lost;
    }

    public int acknowledgedCreates() {
        return created.size();
    }

    private void read(long id, Load load) {
        long floor = acknowledged.get(id).get();
        Reply reply = load.send(READ, () -> gateway.get("/api/users/" + id));
        if (reply != null && reply.status() == 200) {
            String name = reply.json().get("name").asString();
            if (sequenceOf(name) < floor) {
                staleReads.add("user " + id + " read as '" + name + "' after 'Load " + floor + "' was acknowledged");
            }
        }
    }

    private void update(long id, Load load) {
        long next = sequence.incrementAndGet();
        Reply reply = load.send("user update",
                () -> gateway.put("/api/users/" + id, "{\"name\":\"" + PREFIX + next + "\"}"));
        if (reply != null && reply.status() == 200) {
            acknowledged.get(id).accumulateAndGet(next, Math::max);
        }
    }

    private void create(Load load) {
        long next = sequence.incrementAndGet();
        String name = PREFIX + next;
        String email = "created-" + run + "-" + next + "@example.com";
        Reply reply = load.send("user create", () -> gateway.post("/api/users", body(name, email)));
        if (reply != null && reply.status() == 201) {
            created.put(reply.json().get("id").asLong(), name);
        }
    }

    private static long sequenceOf(String name) {
        return Long.parseLong(name.substring(PREFIX.length()));
    }

    private static String body(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

}
