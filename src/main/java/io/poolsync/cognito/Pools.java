package io.poolsync.cognito;

import io.poolsync.config.PoolsyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateways to the two configured pools. */
@ApplicationScoped
public class Pools {

    private final PoolGateway source;
    private final PoolGateway target;

    public Pools(PoolsyncConfig config, UserTypeMapper mapper) {
        // One connection per concurrent write, plus headroom for the scans and health checks.
        int connections = config.apply().concurrency() + 4;
        this.source = new PoolGateway(CognitoClients.forPool(config.source(), connections), config.source().poolId(), mapper);
        this.target = new PoolGateway(CognitoClients.forPool(config.target(), connections), config.target().poolId(), mapper);
    }

    public PoolReader source() {
        return source;
    }

    public PoolGateway target() {
        return target;
    }

    @PreDestroy
    void close() {
        source.close();
        target.close();
    }
}
