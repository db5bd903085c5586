package io.poolsync.cognito;

import java.util.List;

import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AppClient;
import io.poolsync.model.PoolDescription.AttributeDefinition;

/** Reads a pool's configuration for the pre-flight report, and adds custom attributes for the schema bootstrap. */
/** Extends {@link SignInReader} for the pool's MFA factors and identity providers. */
public interface PoolInspector extends SignInReader {

    /** DescribeUserPool. */
    PoolDescription describePool();

    /** ListUserPoolClients, then DescribeUserPoolClient for each, for its ExplicitAuthFlows. */
    List<AppClient> appClients();

    /** AddCustomAttributes; each name carries "custom:", which the request leaves out. */
    void addCustomAttributes(List<AttributeDefinition> attributes);
}
