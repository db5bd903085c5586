package io.poolsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.poolsync.testing.Poll;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SQS port against ElasticMQ: the redrive policy poolsync insists on, batches past 10, and visibility. */
class EventQueueTest {

    private static ElasticMq sqs;

    @BeforeAll
    static void start() {
        sqs = ElasticMq.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void readsTheMaxReceiveCountOfTheRedrivePolicyAndNoneWithout() {
        ElasticMq.Queues queues = sqs.createQueues("with-dlq", 4);
        String plain = sqs.client().createQueue(r -> r.queueName("without-dlq")).queueUrl();

        assertThat(new EventQueue(sqs.client(), queues.queueUrl()).maxReceiveCount()).isEqualTo(OptionalInt.of(4));
        assertThat(new EventQueue(sqs.client(), plain).maxReceiveCount()).isEmpty();
    }

    @Test
    void deletesMoreThanOneBatchAndMakesMessagesVisibleAgain() {
        ElasticMq.Queues queues = sqs.createQueues("batches", 3);
        EventQueue queue = new EventQueue(sqs.client(), queues.queueUrl());
        for (int i = 0; i < 12; i++) {
            sqs.send(queues.queueUrl(), "message " + i);
        }
        List<Message> received = receive(queue, 12);
        assertThat(received.get(0).attributes()).containsKeys(
                software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.SENT_TIMESTAMP);

        queue.changeVisibility(received.subList(0, 2), Duration.ZERO);
        queue.delete(received.subList(2, 12));

        List<Message> again = receive(queue, 2);
        assertThat(again).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(received.subList(0, 2).stream().map(Message::body).toList());
        queue.delete(again);
        assertThat(sqs.messages(queues.queueUrl())).isZero();
    }

    /** A batch call answers 200 with some entries failed: those come back, for the log line, and the rest are done. */
    @Test
    void returnsTheEntriesABatchCallCouldNotDo() {
        ElasticMq.Queues queues = sqs.createQueues("partial", 3);
        EventQueue queue = new EventQueue(sqs.client(), queues.queueUrl());
        sqs.send(queues.queueUrl(), "kept");
        sqs.send(queues.queueUrl(), "deleted");
        List<Message> received = receive(queue, 2);
        Message deleted = received.stream().filter(message -> message.body().equals("deleted")).findFirst().orElseThrow();
        Message unknown = deleted.toBuilder().receiptHandle("not-a-receipt-handle").build();

        List<BatchResultErrorEntry> notMadeVisible = queue.changeVisibility(List.of(unknown), Duration.ZERO);
        List<BatchResultErrorEntry> notDeleted = queue.delete(List.of(unknown, deleted));

        assertThat(notMadeVisible).singleElement().satisfies(entry -> assertThat(entry.senderFault()).isTrue());
        assertThat(notDeleted).singleElement().satisfies(entry -> assertThat(entry.id()).isEqualTo("0"));
        assertThat(EventQueue.reasons(notDeleted)).isEqualTo(notDeleted.get(0).code() + " (" + notDeleted.get(0).message() + ")");
        assertThat(sqs.messages(queues.queueUrl())).as("the other message deleted, the kept one in flight").isEqualTo(1);
    }

    /** Receives until {@code count} messages are in hand; each stays invisible for 30 s once received. */
    private static List<Message> receive(EventQueue queue, int count) {
        List<Message> all = new java.util.ArrayList<>();
        Poll.until(Duration.ofSeconds(10), () -> {
            all.addAll(queue.receive(Duration.ZERO, Duration.ofSeconds(30)));
            return all.size();
        }, size -> size >= count, count + " messages received");
        return all;
    }
}
