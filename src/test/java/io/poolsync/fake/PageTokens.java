package io.poolsync.fake;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Opaque pagination tokens: a cursor bound to the operation, pool and query (filter, group or user) that issued it,
 * stamped with its issue time and sealed with a checksum over a per-fake secret, so a forged, foreign, mismatched or
 * expired token is refused with InvalidParameterException.
 */
final class PageTokens {

    private final long secret;
    private final Duration ttl;

    PageTokens(long secret, Duration ttl) {
        this.secret = secret;
        this.ttl = ttl;
    }

    /** A token that resumes {@code operation} on {@code poolId}/{@code scope} at {@code cursor} (a slot number or a name). */
    String issue(String operation, String poolId, String scope, String cursor) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(operation);
            out.writeUTF(poolId);
            out.writeInt(scope == null ? 0 : scope.hashCode());
            out.writeUTF(cursor);
            out.writeLong(System.currentTimeMillis());
            out.writeInt(seal(bytes.toByteArray()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cursor a token carries, after checking it belongs to this operation, pool and scope. */
    String redeem(String token, String operation, String poolId, String scope) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length < 4 || seal(java.util.Arrays.copyOf(bytes, bytes.length - 4))
                != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw invalid();
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            if (!operation.equals(in.readUTF()) || !poolId.equals(in.readUTF())
                    || in.readInt() != (scope == null ? 0 : scope.hashCode())) {
                throw invalid();
            }
            String cursor = in.readUTF();
            long issued = in.readLong();
            // Cognito's pagination tokens expire (about an hour); the error type for an expired one is an assumption.
            if (System.currentTimeMillis() - issued > ttl.toMillis()) {
                throw CognitoException.invalidParameter("Pagination token expired.");
            }
            return cursor;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private int seal(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(secret).array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static CognitoException invalid() {
        return CognitoException.invalidParameter("Invalid pagination token.");
    }
}
