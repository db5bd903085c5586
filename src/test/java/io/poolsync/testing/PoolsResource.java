package io.poolsync.testing;

import java.util.HashMap;
import java.util.Map;

import io.poolsync.events.ElasticMq;
import io.poolsync.fake.FakeCognito;
import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import io.quarkus.test.common.ResourceArg;

/**
 * The test resource behind {@link WithPools}: starts the emulator and seeds the pools ({@link Backend}), with events
 * ElasticMQ too, and returns poolsync's settings: scheduling off (each test decides when a run happens), the token
 * {@link SyncApi} presents, the queue's settings, then the pools' ({@link Backend#settings()}), whose test args
 * override any of them.
 */
public class PoolsResource implements QuarkusTestResourceConfigurableLifecycleManager<WithPools> {

    private WithPools annotation;
    private final Map<String, String> args = new HashMap<>();
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
        backend = Backend.start(annotation.cognito(), newSeed(), args);
        Map<String, String> config = new HashMap<>();
        config.put("poolsync.schedule.cron", "off");
        config.put("poolsync.schedule.run-on-start", "false");
        config.put("poolsync.api.token", SyncApi.API_TOKEN);
        if (annotation.events()) {
            Backend.EventQueue events = startEventQueue(backend.fake());
            config.putAll(eventSettings(events));
            backend = backend.withEvents(events);
        }
        config.putAll(backend.settings());
        args.forEach((name, value) -> {
            if (name.startsWith("quarkus.")) {
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
    private Backend.EventQueue startEventQueue(FakeCognito fake) {
        sqs = ElasticMq.start();
        ElasticMq.Queues queues = sqs.createQueues("poolsync-events", Integer.parseInt(args.getOrDefault("max-receives", "3")));
        fake.eventSink(event -> sqs.send(queues.queueUrl(), event));
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
            backend.fake().eventSink(null);
            sqs.close();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
