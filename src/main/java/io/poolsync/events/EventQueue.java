package io.poolsync.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event queue: the only code that calls SQS. Facts from the Amazon SQS API Reference: ReceiveMessage returns at most
 * 10 messages and waits at most 20 seconds (WaitTimeSeconds); the batch calls take at most 10 entries; a message's
 * ApproximateReceiveCount counts its receives, and once it exceeds the RedrivePolicy's maxReceiveCount SQS moves it to
 * the dead-letter queue ("Using dead-letter queues in Amazon SQS", SQS Developer Guide).
 */
final class EventQueue implements AutoCloseable {

    static final int MAX_MESSAGES = 10;
    static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final SqsClient client;
    private final String url;

    EventQueue(SqsClient client, String url) {
        this.client = client;
        this.url = url;
    }

    /** Long-polls for up to 10 messages, with the attributes lag and retries are measured by. */
    List<Message> receive(Duration wait, Duration visibility) {
        return client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds((int) Math.min(wait.toSeconds(), MAX_WAIT.toSeconds()))
                .visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
    }

    /**
     * Deletes messages in batches of 10 (DeleteMessageBatch). A batch call answers 200 when some of its entries failed
     * and lists those apart ("check for batch errors even when the call returns an HTTP status code of 200", Amazon SQS
     * API Reference, DeleteMessageBatch): they are returned.
     */
    List<BatchResultErrorEntry> delete(List<Message> messages) {
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (List<Message> chunk : chunks(messages)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            failed.addAll(client.deleteMessageBatch(r -> r.queueUrl(url).entries(entries)).failed());
        }
        return failed;
    }

    /**
     * Makes messages visible again after {@code delay}: to retry them later, or to keep them while a pass runs. Returns
     * the entries that failed, as {@link #delete} does (ChangeMessageVisibilityBatch, Amazon SQS API Reference).
     */
    List<BatchResultErrorEntry> changeVisibility(List<Message> messages, Duration delay) {
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (List<Message> chunk : chunks(messages)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout((int) delay.toSeconds()).build());
            }
            failed.addAll(client.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries)).failed());
        }
        return failed;
    }

    /** What failed entries say, each distinct code and message once: for a log line. */
    static String reasons(List<BatchResultErrorEntry> failed) {
        return failed.stream().map(entry -> entry.code() + " (" + entry.message() + ")").distinct()
                .collect(Collectors.joining(", "));
    }

    /** ApproximateNumberOfMessages: messages waiting to be received. */
    OptionalLong depth() {
        try {
            String value = client.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        } catch (SdkException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The RedrivePolicy's maxReceiveCount; empty when the queue has no dead-letter queue. */
    OptionalInt maxReceiveCount() {
        String policy = client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            Object count = new ObjectMapper().readValue(policy, Map.class).get("maxReceiveCount");
            return count == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count.toString()));
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }

    private static List<List<Message>> chunks(List<Message> messages) {
        List<List<Message>> chunks = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES) {
            chunks.add(messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES)));
        }
        return chunks;
    }

    @Override
    public void close() {
        client.close();
    }
}
