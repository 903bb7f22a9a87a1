package org.archivist.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, limited with token buckets: per account from one address 10 at once, then one a
 * minute; per address, whatever the account, 30 at once, then five a minute (a household behind one
 * router, or a reverse proxy that does not pass the client's address, is one address: one member's
 * typos must not lock the others out). Every attempt takes a token before its password is checked; a success
 * gives it back and refills the account's bucket, so only failures count. Keyed by
 * account <em>and</em> address, so someone guessing a household member's password from elsewhere
 * slows themselves down without locking the real owner out (the anchors' lockout does exactly that).
 * Kept per node, in memory: a restart forgets it; at 100,000 keys the idle ones are dropped.
 */
@Component
class LoginThrottle {

    private static final int ACCOUNT_BURST = 10;
    private static final Duration ACCOUNT_REFILL = Duration.ofMinutes(1);
    private static final int ADDRESS_BURST = 30;
    private static final Duration ADDRESS_REFILL = Duration.ofSeconds(12);
    private static final int MOST_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes this attempt's token from the address's and the account's buckets before any password is
     * checked (so parallel guesses cannot all pass), and answers the seconds to wait, 0 when allowed.
     * A refused attempt takes nothing; a success gives its token back ({@link #succeeded}).
     */
    long attempt(String address, String email) {
        if (buckets.size() > MOST_KEYS) forgetIdle();
        String[] keys = keys(address, email);
        Bucket first = buckets.computeIfAbsent(keys[0], k -> newBucket(ADDRESS_BURST, ADDRESS_REFILL));
        Bucket second = buckets.computeIfAbsent(keys[1], k -> newBucket(ACCOUNT_BURST, ACCOUNT_REFILL));
        var taken = first.tryConsumeAndReturnRemaining(1);
        if (!taken.isConsumed()) return taken.getNanosToWaitForRefill() / 1_000_000_000L + 1;
        var also = second.tryConsumeAndReturnRemaining(1);
        if (!also.isConsumed()) {
            first.addTokens(1);
            return also.getNanosToWaitForRefill() / 1_000_000_000L + 1;
        }
        return 0;
    }

    /** A right password: its attempt is given back, and the account's bucket from that address starts full again. */
    void succeeded(String address, String email) {
        String[] keys = keys(address, email);
        Bucket addressBucket = buckets.get(keys[0]);
        if (addressBucket != null) addressBucket.addTokens(1);
        buckets.remove(keys[1]);
    }

    /** Buckets that are full again carry nothing to remember: dropped first; only if that is not enough, all. */
    private void forgetIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= (e.getKey().startsWith("address:") ? ADDRESS_BURST : ACCOUNT_BURST));
        if (buckets.size() > MOST_KEYS) buckets.clear();
    }

    private static String[] keys(String address, String email) {
        String account = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return new String[] {"address:" + address, "account:" + account + "@" + address};
    }

    private static Bucket newBucket(int burst, Duration refill) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, refill).build()).build();
    }
}
