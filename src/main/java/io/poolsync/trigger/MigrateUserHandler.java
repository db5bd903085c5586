package io.poolsync.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The Lambda function behind the target pool's Migrate User trigger (handler
 * {@code io.poolsync.trigger.MigrateUserHandler::handleRequest}). The Lambda runtime turns the event JSON into nested
 * maps and the returned map back into JSON, so the function needs no JSON library of its own.
 * <p>
 * Answers with the event Cognito sent, its {@code response} filled in; refuses by throwing, which makes Cognito refuse
 * the sign-in or the reset. Logs one line per event, with the username and never the password.
 */
public final class MigrateUserHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final UserMigration migration;

    /** The Lambda runtime's constructor: settings from the function's environment, clients built once per instance. */
    public MigrateUserHandler() {
        this(System.getenv());
    }

    MigrateUserHandler(Map<String, String> environment) {
        this(migration(TriggerSettings.from(environment)));
    }

    MigrateUserHandler(UserMigration migration) {
        this.migration = migration;
    }

    private static UserMigration migration(TriggerSettings settings) {
        return new UserMigration(SourcePoolClient.create(settings), settings.rules());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        MigrateUserEvent request = MigrateUserEvent.from(event);
        String trigger = request.triggerSource().value() + ": " + request.userName();
        MigrationAnswer answer;
        try {
            answer = migration.answer(request);
        } catch (MigrationFailedException e) {
            context.getLogger().log(trigger + " not migrated: " + e.detail());
            throw e;
        }
        context.getLogger().log(trigger + " migrated" + answer.finalUserStatus().map(status -> " as " + status).orElse(""));
        Map<String, Object> answered = new LinkedHashMap<>(event);
        answered.put("response", answer.toResponse(event.get("response")));
        return answered;
    }
}
