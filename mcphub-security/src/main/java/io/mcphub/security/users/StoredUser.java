package io.mcphub.security.users;

import java.time.Instant;
import java.util.List;

/** The store's record of a user; the hash stays inside this package. */
record StoredUser(String name, List<String> groups, String passwordHash, Instant createdAt, Instant passwordChangedAt) {

    StoredUser withPassword(String hash, Instant changedAt) {
        return new StoredUser(name, groups, hash, createdAt, changedAt);
    }

    StoredUser withGroups(List<String> newGroups) {
        return new StoredUser(name, newGroups, passwordHash, createdAt, passwordChangedAt);
    }

    User user() {
        return new User(name, groups, createdAt, passwordChangedAt);
    }
}
