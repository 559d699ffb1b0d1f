package io.mcphub.security.users;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash. */
public record User(String name, List<String> groups, Instant createdAt, Instant passwordChangedAt) {

    public User {
        groups = List.copyOf(groups);
    }
}
