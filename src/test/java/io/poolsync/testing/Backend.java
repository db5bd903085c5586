package io.poolsync.testing;

import io.poolsync.events.ElasticMq;
import io.poolsync.fake.FakeCognito;

/**
 * What a {@link WithPools} test's poolsync runs against: the emulator, the two pools it is pointed at and the seed's view
 * of them, and with {@code events = true} event mode's queue.
 *
 * @param <P> the seed's view of the pools: {@link TestPools} for {@link EmptyPools}
 */
public final class Backend<P> {

    private final SeededPools<P> seeded;
    private final EventQueue events;

    /** ElasticMQ and the queues poolsync reads in event mode. */
    record EventQueue(ElasticMq sqs, ElasticMq.Queues queues) {
    }

    Backend(SeededPools<P> seeded, EventQueue events) {
        this.seeded = seeded;
        this.events = events;
    }

    public String sourcePoolId() {
        return seeded.sourcePoolId();
    }

    public String targetPoolId() {
        return seeded.targetPoolId();
    }

    public P pools() {
        return seeded.pools();
    }

    public FakeCognito fake() {
        return seeded.fake();
    }

    public CognitoLocal cognitoLocal() {
        return seeded.cognitoLocal();
    }

    public ElasticMq sqs() {
        return events().sqs();
    }

    public ElasticMq.Queues queues() {
        return events().queues();
    }

    private EventQueue events() {
        if (events == null) {
            throw new IllegalStateException("no event queue: @WithPools(events = true) starts one");
        }
        return events;
    }
}
