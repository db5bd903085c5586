package io.poolsync.testing;

import java.util.Map;

/**
 * An empty source and target created through the SDK, with the custom attributes the scenarios use; the test fills them
 * through {@link TestPools}. Args: {@code targetSignIn=email} makes the target sign in by email; {@code sourceSub=false}
 * leaves custom:source_sub out of its schema; {@code targetCaseSensitive=false} makes its usernames case-insensitive.
 */
public final class EmptyPools implements PoolSeed<TestPools> {

    @Override
    public Seeded<TestPools> create(Emulator emulator, Map<String, String> args) {
        TestPools pools = new TestPools(emulator.client());
        String source = pools.createPool("source", false, false);
        String target = pools.createPool("target", "email".equals(args.get("targetSignIn")),
                !"false".equals(args.get("sourceSub")), !"false".equals(args.get("targetCaseSensitive")));
        return new Seeded<>(source, target, pools);
    }
}
