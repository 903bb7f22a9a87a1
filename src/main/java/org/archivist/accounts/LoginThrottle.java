package org.archivist.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, limited with token buckets: 10 at once, then one a minute, per address and per
 * account from that address. Only failures spend; a success refills the account's bucket. Keyed by
 * account <em>and</em> address, so someone guessing a household member's password from elsewhere
 * slows themselves down without locking the real owner out (the anchors' lockout does exactly that).
 * Kept per node, in memory: a restart forgets it, and so does a full map (at 100,000 keys).
 */
@Component
class LoginThrottle {

    private static final int BURST = 10;
    private static final Duration REFILL = Duration.ofMinutes(1);
    private static final int MOST_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Seconds to wait before this attempt is allowed, 0 when it is. */
    long waitSeconds(String address, String email) {
        long wait = 0;
        for (String key : keys(address, email)) {
            Bucket bucket = buckets.get(key);
            if (bucket != null && bucket.getAvailableTokens() < 1) {
                wait = Math.max(wait, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() / 1_000_000_000L + 1);
            }
        }
        return wait;
    }

    void failed(String address, String email) {
        if (buckets.size() > MOST_KEYS) buckets.clear();
        for (String key : keys(address, email)) buckets.computeIfAbsent(key, k -> newBucket()).tryConsume(1);
    }

    void succeeded(String address, String email) {
        buckets.remove(keys(address, email)[1]);
    }

    private static String[] keys(String address, String email) {
        String account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return new String[] {"address:" + address, "account:" + account + "@" + address};
    }

    private static Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(1, REFILL).build()).build();
    }
}
