package io.poolsync.testing;

import java.util.HashMap;
import java.util.Map;

import io.poolsync.cognito.QuotaCategory;
import io.poolsync.events.ElasticMq;
import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import io.quarkus.test.common.ResourceArg;

/**
 * The test resource behind {@link WithPools}: starts the emulator (and with events ElasticMQ), seeds the pools, and
 * returns poolsync's settings: both pools at the emulator, scheduling off (each test decides when a run happens), the
 * token {@link SyncApi} presents, then the emulator's, the queue's and the seed's settings, then the test's
 * {@code poolsync.*} args, which override any of them.
 */
public class PoolsResource implements QuarkusTestResourceConfigurableLifecycleManager<WithPools> {

    private WithPools annotation;
    private final Map<String, String> args = new HashMap<>();
    private Emulator emulator;
    private ElasticMq sqs;
    private Backend<?> backend;

    @Override
    public void init(WithPools annotation) {
        this.annotation = annotation;
        for (ResourceArg arg : annotation.args()) {
            args.put(arg.name(), arg.value());
        }
    }

    @Override
    public Map<String, String> start() {
        if (annotation.events() && annotation.cognito() != WithPools.Cognito.FAKE) {
            throw new IllegalArgumentException("@WithPools(events = true) needs cognito = FAKE: cognito-local puts no events");
        }
        emulator = Emulator.start(annotation.cognito());
        PoolSeed.Seeded<?> seeded = newSeed().create(emulator, args);
        Map<String, String> config = new HashMap<>();
        config.put("poolsync.source.pool-id", seeded.sourcePoolId());
        config.put("poolsync.source.endpoint", emulator.endpoint().toString());
        config.put("poolsync.target.pool-id", seeded.targetPoolId());
        config.put("poolsync.target.endpoint", emulator.endpoint().toString());
        config.put("poolsync.schedule.cron", "off");
        config.put("poolsync.schedule.run-on-start", "false");
        config.put("poolsync.api.token", SyncApi.API_TOKEN);
        if (emulator.isFake()) {
            // The fake's GetProvisionedLimit answers Cognito's defaults: set them, sparing start-up ~2 s of asking at 1 call/s.
            for (QuotaCategory category : QuotaCategory.values()) {
                if (category.adjustable()) {
                    config.put("poolsync.rate-limits." + category.setting(), Integer.toString(category.defaultRps()));
                }
            }
        } else {
            // cognito-local has no identity provider operations (see CognitoLocalContractTest): links are tested on the fake.
            config.put("poolsync.federation.link", "false");
        }
        Backend.EventQueue events = annotation.events() ? startEventQueue(config) : null;
        backend = new Backend<>(emulator, seeded, events);
        config.putAll(seeded.settings());
        args.forEach((name, value) -> {
            if (name.startsWith("poolsync.")) {
                config.put(name, value);
            }
        });
        return config;
    }

    private PoolSeed<?> newSeed() {
        try {
            return annotation.seed().getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.seed().getName() + " needs a public no-argument constructor", e);
        }
    }

    /** ElasticMQ with the event queue, fed by the fake with the CloudTrail event of every user write it takes. */
    private Backend.EventQueue startEventQueue(Map<String, String> config) {
        sqs = ElasticMq.start();
        ElasticMq.Queues queues = sqs.createQueues("poolsync-events", Integer.parseInt(args.getOrDefault("max-receives", "3")));
        emulator.fake().eventSink(event -> sqs.send(queues.queueUrl(), event));
        config.put("poolsync.events.queue-url", queues.queueUrl());
        config.put("poolsync.events.endpoint", sqs.endpoint().toString());
        config.put("poolsync.events.region", ElasticMq.REGION);
        config.put("poolsync.events.coalesce-window", "300ms");
        config.put("poolsync.events.visibility-timeout", "10s");
        config.put("poolsync.events.retry-delay", "1s");
        config.put("poolsync.events.full-pass-cron", "off");
        return new Backend.EventQueue(sqs, queues);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(backend, new TestInjector.AnnotatedAndMatchesType(InjectBackend.class, Backend.class));
    }

    @Override
    public void stop() {
        if (sqs != null) {
            emulator.fake().eventSink(null);
            sqs.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
