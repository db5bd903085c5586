package io.poolsync.preflight;

/** How much a finding matters to a cutover: a blocker makes the target not ready. */
public enum Severity {
    BLOCKER,
    WARNING,
    INFO
}
