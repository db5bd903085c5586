package io.poolsync.cognito;

import java.util.List;
import java.util.Set;

import io.poolsync.model.PoolDescription;
import io.poolsync.model.PoolDescription.AppClient;
import io.poolsync.model.PoolDescription.AttributeDefinition;

/** Reads a pool's configuration for the pre-flight report, and adds custom attributes for the schema bootstrap. */
public interface PoolInspector {

    /** DescribeUserPool. */
    PoolDescription describePool();

    /**
     * GetUserPoolMfaConfig: the MFA factors the pool offers, of {@code SMS}, {@code SOFTWARE_TOKEN} and {@code EMAIL}.
     */
    Set<String> mfaFactors();

    /** ListUserPoolClients, then DescribeUserPoolClient for each, for its ExplicitAuthFlows. */
    List<AppClient> appClients();

    /** ListIdentityProviders: the names of the pool's identity providers. */
    List<String> identityProviders();

    /** AddCustomAttributes; each name carries "custom:", which the request leaves out. */
    void addCustomAttributes(List<AttributeDefinition> attributes);
}
