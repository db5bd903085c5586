package io.poolsync.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Migrate User events in the shape the Cognito developer guide documents (common trigger fields, request, and a
 * response of nulls), read into maps as the Lambda runtime reads them for a {@code RequestHandler<Map, Map>}.
 */
final class TriggerEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String AUTHENTICATION = """
            {
              "version": "1",
              "triggerSource": "UserMigration_Authentication",
              "region": "eu-west-1",
              "userPoolId": "eu-west-1_Target1",
              "userName": "alice",
              "callerContext": {
                "awsSdkVersion": "aws-sdk-js-3.658.1",
                "clientId": "6pc1s1d8l3ecqo3fg2f1vgqb2k"
              },
              "request": {
                "password": "to be replaced",
                "validationData": {
                  "device": "web"
                },
                "clientMetadata": {
                  "app": "shop"
                }
              },
              "response": {
                "userAttributes": null,
                "finalUserStatus": null,
                "messageAction": null,
                "desiredDeliveryMediums": null,
                "forceAliasCreation": null,
                "enableSMSMFA": null
              }
            }""";

    /** Cognito sends no password when the user asks to reset it. */
    static final String FORGOT_PASSWORD = """
            {
              "version": "1",
              "triggerSource": "UserMigration_ForgotPassword",
              "region": "eu-west-1",
              "userPoolId": "eu-west-1_Target1",
              "userName": "alice",
              "callerContext": {
                "awsSdkVersion": "aws-sdk-js-3.658.1",
                "clientId": "6pc1s1d8l3ecqo3fg2f1vgqb2k"
              },
              "request": {
                "clientMetadata": {
                  "app": "shop"
                }
              },
              "response": {
                "userAttributes": null,
                "finalUserStatus": null,
                "messageAction": null,
                "desiredDeliveryMediums": null,
                "forceAliasCreation": null,
                "enableSMSMFA": null
              }
            }""";

    private TriggerEvents() {
    }

    static Map<String, Object> authentication(String userName, String password) {
        ObjectNode event = parse(AUTHENTICATION);
        event.put("userName", userName);
        ((ObjectNode) event.get("request")).put("password", password);
        return toMap(event);
    }

    static Map<String, Object> forgotPassword(String userName) {
        ObjectNode event = parse(FORGOT_PASSWORD);
        event.put("userName", userName);
        return toMap(event);
    }

    /** What the Lambda runtime sends back to Cognito for the handler's answer. */
    static JsonNode json(Map<String, Object> answer) {
        return JSON.valueToTree(answer);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> toMap(JsonNode event) {
        return JSON.convertValue(event, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }
}
