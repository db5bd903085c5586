package io.poolsync.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.poolsync.model.DesiredUser;
import io.poolsync.plan.PlannedUser;

/** Which users to create wait for import jobs, when the run switches to them, and how the files are cut. */
class BulkLoadTest {

    static final String HEADER = String.join(",", StubImporter.COLUMNS);

    static BulkSettings settings(int minCreates, int maxUsers, long maxBytes) {
        return new BulkSettings(true, minCreates, Optional.of("arn:aws:iam::123456789012:role/import-logs"), maxUsers,
                maxBytes, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(1));
    }

    static PlannedUser create(String username, boolean verified) {
        Map<String, String> attributes = Map.of("email", username + "@example.com", "email_verified",
                Boolean.toString(verified));
        DesiredUser desired = new DesiredUser(username, "sub-" + username, "CONFIRMED", true, attributes, Set.of());
        return new PlannedUser(PlannedUser.Action.CREATE, username, desired, attributes,
                PlannedUser.EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    static PlannedUser update(String username) {
        PlannedUser create = create(username, true);
        return new PlannedUser(PlannedUser.Action.UPDATE, username, create.desired(), Map.of("email_verified", "true"),
                PlannedUser.EnabledChange.NONE, Set.of(), Set.of(), false, "");
    }

    @Test
    void belowTheThresholdCreatesWaitInMemoryAndGoBackToTheApi() {
        try (BulkLoad load = new BulkLoad(settings(5, 100, 100_000), new StubImporter(), false)) {
            for (int i = 0; i < 4; i++) {
                assertThat(load.take(create("u" + i, true))).isTrue();
            }

            List<PlannedUser> backToApi = load.endOfScan();

            assertThat(backToApi).extracting(PlannedUser::username).containsExactly("u0", "u1", "u2", "u3");
            assertThat(load.engaged()).isFalse();
        }
    }

    @Test
    void reachingTheThresholdSpoolsTheWaitingUsersAndEveryOneAfter() throws IOException {
        try (BulkLoad load = new BulkLoad(settings(3, 100, 100_000), new StubImporter(), false)) {
            for (int i = 0; i < 5; i++) {
                assertThat(load.take(create("u" + i, true))).isTrue();
            }

            assertThat(load.endOfScan()).isEmpty();
            assertThat(load.engaged()).isTrue();
            assertThat(load.files()).hasSize(1);
            assertThat(Files.readAllLines(load.files().get(0).path(), StandardCharsets.UTF_8)).containsExactly(HEADER,
                    "u0@example.com,true,false,u0", "u1@example.com,true,false,u1", "u2@example.com,true,false,u2",
                    "u3@example.com,true,false,u3", "u4@example.com,true,false,u4");
        }
    }

    @Test
    void anEmptyTargetImportsFromTheFirstUser() {
        try (BulkLoad load = new BulkLoad(settings(10_000, 100, 100_000), new StubImporter(), true)) {
            assertThat(load.take(create("u0", true))).isTrue();

            assertThat(load.endOfScan()).isEmpty();
            assertThat(load.engaged()).isTrue();
        }
    }

    @Test
    void onlyCreatesThatALineCanCarryAreKept() {
        try (BulkLoad load = new BulkLoad(settings(1, 100, 100_000), new StubImporter(), true)) {
            assertThat(load.take(update("u0"))).isFalse();
            assertThat(load.take(create("unverified", false))).isFalse();
            assertThat(load.take(create("u1", true))).isTrue();
            load.endOfScan();

            assertThat(load.leftToApi()).containsOnlyKeys(
                    "no verified email: an imported user resets its password through a verified auto-verified attribute")
                    .containsValue(1L);
        }
    }

    @Test
    void filesAreCutAtTheJobsUserLimit() {
        try (BulkLoad load = new BulkLoad(settings(1, 2, 100_000), new StubImporter(), true)) {
            for (int i = 0; i < 5; i++) {
                load.take(create("u" + i, true));
            }
            load.endOfScan();

            assertThat(load.files()).extracting(CsvSpool.SpoolFile::users).containsExactly(2, 2, 1);
        }
    }

    @Test
    void filesAreCutAtTheJobsByteLimitHeaderIncluded() throws IOException {
        long header = HEADER.length() + 1;
        long line = "u0@example.com,true,false,u0".length() + 1;
        try (BulkLoad load = new BulkLoad(settings(1, 100, header + 2 * line), new StubImporter(), true)) {
            for (int i = 0; i < 5; i++) {
                load.take(create("u" + i, true));
            }
            load.endOfScan();

            assertThat(load.files()).extracting(CsvSpool.SpoolFile::users).containsExactly(2, 2, 1);
            for (CsvSpool.SpoolFile file : load.files()) {
                assertThat(Files.size(file.path())).isEqualTo(file.bytes()).isLessThanOrEqualTo(header + 2 * line);
            }
        }
    }

    @Test
    void closingRemovesTheFiles() {
        BulkLoad load = new BulkLoad(settings(1, 100, 100_000), new StubImporter(), true);
        load.take(create("u0", true));
        load.endOfScan();
        var file = load.files().get(0).path();

        load.close();

        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }
}
