package io.poolsync.preflight;

/**
 * One thing the pre-flight found in the two pools.
 *
 * @param id            stable, e.g. {@code attribute-missing:custom:tenant}: the kind, then what it is about
 * @param affectedUsers source users it affects, or null where that can't be known from a scan
 * @param fix           what an operator does about it
 */
public record Finding(String id, Severity severity, String title, String detail, Integer affectedUsers, String fix) {
}
