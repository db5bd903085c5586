package io.poolsync.events;

import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.testing.Emulator;
import io.poolsync.testing.PoolSeed;
import io.poolsync.testing.TestPools;

/** An empty source and target in the fake, both with a mutable custom:tenant, the target with custom:source_sub. */
public final class EventModePools implements PoolSeed<TestPools> {

    @Override
    public Seeded<TestPools> create(Emulator emulator, Map<String, String> args) {
        FakeCognito fake = emulator.fake();
        return new Seeded<>(fake.seedPool("source", "tenant"), fake.seedPool("target", "tenant", "source_sub"),
                new TestPools(fake.client()));
    }
}
