package io.poolsync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class KeyClaimsTest {

    record Claim(long created, String sub) {
    }

    /** Each row: claims on one key, in the order made, and the sub that must hold the key whatever that order. */
    @Test
    void theEarliestCreatedThenTheSmallestSubHoldsTheKeyWhateverTheOrder() {
        String smallUuid = new UUID(0x1000000000000000L, 5).toString();
        String largeUuid = new UUID(0xf000000000000000L, 1).toString();
        List<List<Object>> rows = List.of(
                List.of(List.of(new Claim(20, "sub-a"), new Claim(10, "sub-b")), "sub-b"),
                List.of(List.of(new Claim(10, "sub-alice2"), new Claim(10, "sub-alice")), "sub-alice"),
                List.of(List.of(new Claim(10, largeUuid), new Claim(10, smallUuid)), smallUuid),
                List.of(List.of(new Claim(Long.MAX_VALUE, "sub-a"), new Claim(5, "sub-z")), "sub-z"));
        for (List<Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Claim> claims = (List<Claim>) row.get(0);
            String winner = (String) row.get(1);
            for (List<Claim> order : List.of(claims, java.util.stream.IntStream.range(0, claims.size()).mapToObj(i -> claims.get(claims.size() - 1 - i)).toList())) {
                KeyClaims keyClaims = new KeyClaims();
                order.forEach(claim -> keyClaims.claim(42, claim.created(), claim.sub()));
                assertThat(keyClaims.heldBy(42, winner)).as(row.toString()).isTrue();
                claims.stream().map(Claim::sub).filter(sub -> !sub.equals(winner))
                        .forEach(loser -> assertThat(keyClaims.heldBy(42, loser)).as(row + " " + loser).isFalse());
            }
        }
    }

    @Test
    void keepsEveryKeyThroughGrowth() {
        KeyClaims claims = new KeyClaims();
        for (int i = 0; i < 50_000; i++) {
            claims.claim(new Digests(1, 64).of("key-" + i), i, "sub-" + i);
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(claims.heldBy(new Digests(1, 64).of("key-" + i), "sub-" + i)).isTrue();
        }
        assertThat(claims.heldBy(new Digests(1, 64).of("key-none"), "sub-1")).isFalse();
    }
}
