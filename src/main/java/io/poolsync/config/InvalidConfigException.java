package io.poolsync.config;

import java.util.List;

/** Settings that can't work, each problem naming its setting. Thrown at start-up so a bad deployment fails fast. */
public class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("poolsync can't start with this configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
