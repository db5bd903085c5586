package io.poolsync.testing;

import java.util.HashMap;
import java.util.Map;

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
        config.putAll(emulatorSettings());
        Backend.EventQueue events = null;
        if (annotation.events()) {
            events = startEventQueue();
            config.putAll(eventSettings(events));
        }
        config.putAll(seeded.settings());
        args.forEach((name, value) -> {
            if (name.startsWith("poolsync.")) {
                config.put(name, value);
            }
        });
        backend = new Backend<>(emulator, seeded, events);
        return config;
    }

    private Map<String, String> emulatorSettings() {
        Map<String, String> settings = new HashMap<>();
        if (emulator.isFake()) {
            settings.putAll(TestConfig.fakeProvisionedLimits());
        } else {
            // cognito-local has no identity provider operations (see CognitoLocalContractTest): links are tested on the fake.
            settings.put("poolsync.federation.link", "false");
        }
        return settings;
    }

    private PoolSeed<?> newSeed() {
        try {
            return annotation.seed().getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.seed().getName() + " needs a public no-argument constructor", e);
        }
    }

    /** ElasticMQ with the event queue, fed by the fake with the CloudTrail event of every user write it takes. */
    private Backend.EventQueue startEventQueue() {
        sqs = ElasticMq.start();
        ElasticMq.Queues queues = sqs.createQueues("poolsync-events", Integer.parseInt(args.getOrDefault("max-receives", "3")));
        emulator.fake().eventSink(event -> sqs.send(queues.queueUrl(), event));
        return new Backend.EventQueue(sqs, queues);
    }

    private static Map<String, String> eventSettings(Backend.EventQueue events) {
        return Map.of(
                "poolsync.events.queue-url", events.queues().queueUrl(),
                "poolsync.events.endpoint", events.sqs().endpoint().toString(),
                "poolsync.events.region", ElasticMq.REGION,
                "poolsync.events.coalesce-window", "300ms",
                "poolsync.events.visibility-timeout", "10s",
                "poolsync.events.retry-delay", "1s",
                "poolsync.events.full-pass-cron", "off");
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
