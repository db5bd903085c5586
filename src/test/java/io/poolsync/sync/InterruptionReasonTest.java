package io.poolsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * After SIGTERM a run's error must not claim the writes in flight finished when the wait for them was cut short: the
 * scan stops (RunStopped), closing the applier waits for the writes, and shutdown's interrupt ends that wait.
 */
class InterruptionReasonTest {

    @Test
    void aStopWhoseWaitForTheWritesWasInterruptedIsCutShort() {
        RuntimeException stopped = new RuntimeException(SyncService.STOPPED_BY_SHUTDOWN);
        stopped.addSuppressed(new InterruptedException());

        assertThat(SyncService.cutShort(stopped)).isTrue();
    }

    @Test
    void aCallInterruptedDeepDownIsCutShort() {
        assertThat(SyncService.cutShort(new IllegalStateException(new RuntimeException(new InterruptedException()))))
                .isTrue();
    }

    @Test
    void aStopAfterTheWritesFinishedIsNot() {
        assertThat(SyncService.cutShort(new RuntimeException(SyncService.STOPPED_BY_SHUTDOWN))).isFalse();
        assertThat(SyncService.WRITES_CUT_SHORT).doesNotContain("were finished")
                .contains("before the writes in flight finished", "half-written");
    }
}
