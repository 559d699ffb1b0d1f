package io.mcphub.security.users;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.password.PasswordGenerator;
import io.mcphub.security.files.OwnerOnlyFile;
import io.mcphub.security.password.PasswordHasher;
import io.mcphub.security.password.PasswordPolicy;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The hub's users, one store key each under {@code /mcphub/auth/users/}. Every change is a compare-and-swap on the
 * key, so hubs sharing one etcd cannot lose each other's writes. Passwords pass {@link PasswordPolicy} and are kept
 * only as Argon2id hashes; callers own the {@code char[]} they pass in and should wipe it afterwards.
 */
public final class Users {

    public static final String ADMIN = "admin";
    public static final String ADMINS_GROUP = "admins";
    public static final String ADMIN_PASSWORD_FILE = "admin.password";
    static final String PREFIX = "/mcphub/auth/users/";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final String NAME_RULE = "use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final int GENERATED_PASSWORD_LENGTH = 24;
    private static final int CAS_ATTEMPTS = 5;

    private final Store store;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;
    private volatile String decoyHash;

    public Users(Store store) {
        this(store, new PasswordHasher(), new PasswordPolicy(), Clock.systemUTC());
    }

    public Users(Store store, PasswordHasher hasher, PasswordPolicy policy, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    /** Creates a user; an existing name answers CONFLICT, a weak password or bad name BAD_REQUEST. */
    public User create(String name, char[] password, List<String> groups) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "user name " + quoted(name) + " is not valid; " + NAME_RULE);
        }
        List<String> checkedGroups = checkGroups(groups);
        policy.check(name, password);
        Instant now = clock.instant();
        StoredUser user = new StoredUser(name, checkedGroups, hasher.hash(password), now, now);
        if (!insert(user)) {
            throw new ProblemException(ProblemType.CONFLICT, "user '" + name + "' already exists; choose another name "
                    + "or change that user's password");
        }
        return user.user();
    }

    public Optional<User> find(String name) {
        return load(name).map(StoredUser::user);
    }

    /** Every user, by name. */
    public List<User> list() {
        return store.range(PREFIX).kvs().stream().map(kv -> read(kv).user()).toList();
    }

    public void delete(String name) {
        if (ADMIN.equals(name)) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "the admin user cannot be deleted; change its password instead");
        }
        if (name == null || !NAME.matcher(name).matches() || !store.delete(key(name))) {
            throw notFound(name);
        }
    }

    public User setPassword(String name, char[] password) {
        if (load(name).isEmpty()) {
            throw notFound(name);
        }
        policy.check(name, password);
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        return update(name, u -> u.withPassword(hash, now)).user();
    }

    /**
     * The user if {@code password} is theirs. An unknown name costs the same Argon2 work as a wrong password, so
     * response time does not tell which names exist. A hash made with older parameters is upgraded on the way.
     */
    public Optional<User> verify(String name, char[] password) {
        Optional<KeyValue> kv = name != null && NAME.matcher(name).matches() ? store.get(key(name)) : Optional.empty();
        if (kv.isEmpty()) {
            hasher.verify(password, decoyHash());
            return Optional.empty();
        }
        StoredUser user = read(kv.get());
        if (!hasher.verify(password, user.passwordHash())) {
            return Optional.empty();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            // Best effort: losing the race to a concurrent change only postpones the upgrade to the next login.
            store.txn(List.of(Compare.modRevision(kv.get().key(), kv.get().modRevision())),
                    List.of(Op.put(kv.get().key(), Json.bytes(user.withPassword(hasher.hash(password), user.passwordChangedAt())))));
        }
        return Optional.of(user.user());
    }

    /**
     * First start: creates {@code admin} (group {@code admins}) with a random password, writes that password to
     * {@code dataDir/admin.password} (mode 0600) and returns it, for the hub to print once. Empty if admin already
     * exists, including when another hub sharing the store created it first.
     */
    public Optional<String> ensureAdmin(Path dataDir) {
        if (load(ADMIN).isPresent()) {
            return Optional.empty();
        }
        char[] password = PasswordGenerator.generate(GENERATED_PASSWORD_LENGTH);
        try {
            Instant now = clock.instant();
            StoredUser admin = new StoredUser(ADMIN, List.of(ADMINS_GROUP), hasher.hash(password), now, now);
            String text = new String(password);
            // The file first: if the hub dies between the two steps, the password is on disk rather than lost.
            Path file = dataDir.resolve(ADMIN_PASSWORD_FILE);
            writeAdminPassword(file, text);
            boolean created;
            try {
                created = insert(admin);
            } catch (RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
            if (!created) {
                deleteQuietly(file);
                return Optional.empty();
            }
            return Optional.of(text);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** {@code hub init --admin-password-file}: creates admin with this password, or resets admin's password to it. */
    public void initAdmin(char[] password) {
        policy.check(ADMIN, password);
        Instant now = clock.instant();
        String hash = hasher.hash(password);
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            if (load(ADMIN).isEmpty() && insert(new StoredUser(ADMIN, List.of(ADMINS_GROUP), hash, now, now))) {
                return;
            }
            try {
                update(ADMIN, u -> u.withPassword(hash, now).withGroups(withAdmins(u.groups())));
                return;
            } catch (ProblemException deletedMeanwhile) {
                if (deletedMeanwhile.type() != ProblemType.NOT_FOUND) {
                    throw deletedMeanwhile;
                }
            }
        }
        throw concurrentChange(ADMIN);
    }

    private Optional<StoredUser> load(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return store.get(key(name)).map(Users::read);
    }

    private boolean insert(StoredUser user) {
        return store.txn(List.of(Compare.absent(key(user.name()))), List.of(Op.put(key(user.name()), Json.bytes(user))))
                .succeeded();
    }

    private StoredUser update(String name, UnaryOperator<StoredUser> change) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            KeyValue kv = store.get(key(name)).orElseThrow(() -> notFound(name));
            StoredUser next = change.apply(read(kv));
            if (store.txn(List.of(Compare.modRevision(kv.key(), kv.modRevision())), List.of(Op.put(kv.key(), Json.bytes(next))))
                    .succeeded()) {
                return next;
            }
        }
        throw concurrentChange(name);
    }

    /** Computed once, on first need: the hash an unknown user's password is checked against. */
    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            char[] decoy = PasswordGenerator.generate(GENERATED_PASSWORD_LENGTH);
            hash = hasher.hash(decoy);
            Arrays.fill(decoy, '\0');
            decoyHash = hash;
        }
        return hash;
    }

    private static List<String> checkGroups(List<String> groups) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String group : groups == null ? List.<String>of() : groups) {
            if (group == null || !NAME.matcher(group).matches()) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "group name " + quoted(group) + " is not valid; " + NAME_RULE);
            }
            sorted.add(group);
        }
        return List.copyOf(sorted);
    }

    private static List<String> withAdmins(List<String> groups) {
        TreeSet<String> sorted = new TreeSet<>(groups);
        sorted.add(ADMINS_GROUP);
        return List.copyOf(sorted);
    }

    private static void writeAdminPassword(Path file, String password) {
        try {
            OwnerOnlyFile.write(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin password to " + file
                    + "; make the data directory writable by this user", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The file holds a password that was never set; a stale file is harmless.
        }
    }

    private static StoredUser read(KeyValue kv) {
        return Json.read(kv.value(), StoredUser.class);
    }

    private static String key(String name) {
        return PREFIX + name;
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(ProblemType.NOT_FOUND, "no user " + quoted(name) + "; list users with 'mcphub user list'");
    }

    /** Echoes a submitted name, unless it is too long to be anyone's and would only bloat the message. */
    private static String quoted(String name) {
        return name == null || name.length() > 64 ? "(that name)" : "'" + name + "'";
    }

    private static ProblemException concurrentChange(String name) {
        return new ProblemException(ProblemType.CONFLICT, "user '" + name + "' was changed concurrently; try again");
    }
}
