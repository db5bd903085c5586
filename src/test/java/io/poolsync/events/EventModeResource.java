package io.poolsync.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.poolsync.fake.FakeCognito;
import io.poolsync.fake.Quotas;
import io.poolsync.testing.ResourceSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Event mode's real parts for a Quarkus test: the quota-faithful fake Cognito with an empty source and target (the
 * target with {@code custom:source_sub}), and ElasticMQ with the event queue and its dead-letter queue. The fake puts
 * the CloudTrail event of every user write it takes on the queue, as the EventBridge rule of {@code deploy/} would.
 * Args: {@code max-receives} (default 3) is the queue's maxReceiveCount; any {@code poolsync.*} arg overrides a setting.
 */
public class EventModeResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link Backend} field to receive the running parts. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectEventMode {
    }

    public record Backend(FakeCognito fake, String source, String target, ElasticMq sqs, ElasticMq.Queues queues) {
    }

    private final Map<String, String> args = new HashMap<>();
    private Backend backend;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        FakeCognito fake = FakeCognito.builder().quotas(Quotas.unlimited()).threads(32).start();
        String source = fake.seedPool("source", "tenant");
        String target = fake.seedPool("target", "tenant", "source_sub");
        ElasticMq sqs = ElasticMq.start();
        ElasticMq.Queues queues = sqs.createQueues("poolsync-events",
                Integer.parseInt(args.getOrDefault("max-receives", "3")));
        fake.eventSink(event -> sqs.send(queues.queueUrl(), event));
        backend = new Backend(fake, source, target, sqs, queues);
        Map<String, String> settings = new HashMap<>();
        settings.put("poolsync.events.queue-url", queues.queueUrl());
        settings.put("poolsync.events.endpoint", sqs.endpoint().toString());
        settings.put("poolsync.events.region", ElasticMq.REGION);
        settings.put("poolsync.events.coalesce-window", "300ms");
        settings.put("poolsync.events.visibility-timeout", "10s");
        settings.put("poolsync.events.retry-delay", "1s");
        settings.put("poolsync.events.full-pass-cron", "off");
        return ResourceSettings.of(source, target, fake.endpoint(), settings, args);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(backend,
                new TestInjector.AnnotatedAndMatchesType(InjectEventMode.class, Backend.class));
    }

    @Override
    public void stop() {
        if (backend != null) {
            backend.fake().eventSink(null);
            backend.sqs().close();
            backend.fake().close();
        }
    }
}
