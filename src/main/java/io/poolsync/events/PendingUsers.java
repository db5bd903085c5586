package io.poolsync.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users whose messages are in hand and not yet applied. A user's messages wait out the coalescing window from the
 * first of them reaching the queue, then go to one worker together; messages that arrive while that user is being
 * applied wait for it, so one user is never written by two workers at once. Pure: the caller passes the time.
 *
 * @param <M> a message, kept to be deleted or offered again
 */
final class PendingUsers<M> {

    private final Duration coalesceWindow;
    private final Map<UserEvent.UserRef, Batch<M>> waiting = new LinkedHashMap<>();
    private final Set<UserEvent.UserRef> inFlight = new HashSet<>();

    PendingUsers(Duration coalesceWindow) {
        this.coalesceWindow = coalesceWindow;
    }

    /** One user's messages, applied with one re-read. */
    static final class Batch<M> {
        final UserEvent.UserRef ref;
        final List<M> messages = new ArrayList<>();
        final List<Instant> eventTimes = new ArrayList<>();
        final List<Instant> queuedAt = new ArrayList<>();
        final List<Instant> receivedAt = new ArrayList<>();
        boolean creation;
        /** When a worker took it. */
        Instant takenAt;
        private Instant readyAt;
        /** When the messages' visibility was last set: received, or extended. */
        private Instant heldSince;

        private Batch(UserEvent.UserRef ref) {
            this.ref = ref;
        }
    }

    /**
     * Adds a message for its user.
     *
     * @param queuedAt   when the message reached the queue (its SentTimestamp)
     * @param receivedAt when it was received, which started its visibility timeout
     */
    synchronized void add(M message, UserEvent event, Instant queuedAt, Instant receivedAt) {
        Batch<M> batch = waiting.computeIfAbsent(event.user(), Batch::new);
        if (batch.messages.isEmpty()) {
            batch.readyAt = queuedAt.plus(coalesceWindow);
            batch.heldSince = receivedAt;
        }
        batch.readyAt = min(batch.readyAt, queuedAt.plus(coalesceWindow));
        batch.heldSince = min(batch.heldSince, receivedAt);
        batch.messages.add(message);
        batch.eventTimes.add(event.eventTime());
        batch.queuedAt.add(queuedAt);
        batch.receivedAt.add(receivedAt);
        batch.creation |= event.creation();
    }

    /** Takes up to {@code max} users whose window has passed and who are not being applied, and marks them so. */
    synchronized List<Batch<M>> takeReady(Instant now, int max) {
        List<Batch<M>> ready = new ArrayList<>();
        for (Iterator<Batch<M>> it = waiting.values().iterator(); it.hasNext() && ready.size() < max;) {
            Batch<M> batch = it.next();
            if (!batch.readyAt.isAfter(now) && !inFlight.contains(batch.ref)) {
                it.remove();
                inFlight.add(batch.ref);
                batch.takenAt = now;
                ready.add(batch);
            }
        }
        return ready;
    }

    /** The user's messages were written (or failed): its next messages may go. */
    synchronized void finished(UserEvent.UserRef ref) {
        inFlight.remove(ref);
    }

    /** When the next waiting user becomes ready; empty when none can be taken (none waiting, or all being applied). */
    synchronized Optional<Instant> nextReadyAt() {
        return waiting.values().stream().filter(batch -> !inFlight.contains(batch.ref)).map(batch -> batch.readyAt)
                .min(Instant::compareTo);
    }

    /**
     * The waiting messages held for at least {@code longerThan}, which the caller keeps invisible for longer; they
     * count as held from {@code now}.
     */
    synchronized List<M> heldLongerThan(Duration longerThan, Instant now) {
        List<M> due = new ArrayList<>();
        for (Batch<M> batch : waiting.values()) {
            if (!batch.heldSince.plus(longerThan).isAfter(now)) {
                due.addAll(batch.messages);
                batch.heldSince = now;
            }
        }
        return due;
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    synchronized boolean isEmpty() {
        return waiting.isEmpty() && inFlight.isEmpty();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
