package io.poolsync.config;

/** Where {@code invite} sends Cognito's invitation (AdminCreateUser's DesiredDeliveryMediums). */
public enum DeliveryMedium {
    EMAIL, SMS
}
