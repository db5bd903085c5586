package io.poolsync.config;

import java.util.List;

/**
 * Settings that can't work, each problem naming its setting on one line. Thrown at start-up so a bad deployment fails
 * fast.
 */
public class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(problems.size() == 1 ? "poolsync can't start: " + problems.get(0)
                : "poolsync can't start, " + problems.size() + " settings can't work:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
