package io.poolsync.fake;

/** A Cognito error answer: {@code {"__type": type, "message": message}} with an HTTP status. */
final class CognitoException extends RuntimeException {

    final String type;
    final int status;

    CognitoException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", 400, message);
    }

    static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", 400, "User does not exist.");
    }

    static CognitoException poolNotFound(String poolId) {
        return new CognitoException("ResourceNotFoundException", 400, "User pool " + poolId + " does not exist.");
    }

    static CognitoException groupNotFound() {
        return new CognitoException("ResourceNotFoundException", 400, "Group not found.");
    }

    static CognitoException usernameExists(String message) {
        return new CognitoException("UsernameExistsException", 400, message);
    }

    static CognitoException aliasExists(String message) {
        return new CognitoException("AliasExistsException", 400, message);
    }

    static CognitoException groupExists(String group) {
        return new CognitoException("GroupExistsException", 400, "A group with the name " + group + " already exists.");
    }

    static CognitoException invalidPassword(String message) {
        return new CognitoException("InvalidPasswordException", 400, "Password does not conform to policy: " + message);
    }

    static CognitoException tooManyRequests() {
        return new CognitoException("TooManyRequestsException", 400, "Rate exceeded");
    }

    static CognitoException internalError(String message) {
        return new CognitoException("InternalErrorException", 500, message);
    }

    static CognitoException unsupported(String operation) {
        return new CognitoException("UnsupportedOperationException", 400, "FakeCognito does not implement " + operation);
    }

    static CognitoException unknownOperation(String target) {
        return new CognitoException("UnknownOperationException", 400, "Unknown operation " + target);
    }
}
