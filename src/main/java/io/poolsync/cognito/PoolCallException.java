package io.poolsync.cognito;

/** A Cognito call that failed, with Cognito's error code and message (never the request, which may hold a password). */
public class PoolCallException extends RuntimeException {

    public static final String USERNAME_EXISTS = "UsernameExistsException";
    public static final String GROUP_EXISTS = "GroupExistsException";

    private final String errorCode;

    public PoolCallException(String operation, String errorCode, String message, Throwable cause) {
        super(operation + ": " + errorCode + ": " + message, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
