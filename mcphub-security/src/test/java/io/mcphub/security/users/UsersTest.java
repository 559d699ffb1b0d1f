package io.mcphub.security.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.password.PasswordHasher;
import io.mcphub.security.password.PasswordPolicy;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    private static final char[] GOOD = "correct horse battery staple".toCharArray();
    private static final char[] OTHER = "purple monkey dishwasher".toCharArray();

    @TempDir
    Path dir;
    Store store;
    Users users;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir.resolve("store"));
        users = new Users(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createsFindsListsAndDeletesUsers() {
        User bob = users.create("bob", GOOD, List.of("payments", "dev"));
        users.create("alice", OTHER, List.of());

        assertThat(bob.groups()).containsExactly("dev", "payments");
        assertThat(bob.passwordChangedAt()).isEqualTo(bob.createdAt());
        assertThat(users.find("bob")).contains(bob);
        assertThat(users.list()).extracting(User::name).containsExactly("alice", "bob");

        users.delete("bob");

        assertThat(users.find("bob")).isEmpty();
        assertThat(users.list()).extracting(User::name).containsExactly("alice");
    }

    @Test
    void neverShowsTheHash() {
        User bob = users.create("bob", GOOD, List.of());

        assertThat(Json.write(bob)).doesNotContain("argon2").doesNotContain("hash");
        assertThat(Json.write(users.list())).doesNotContain("argon2");
    }

    @Test
    void refusesDuplicatesBadNamesAndBadGroups() {
        users.create("bob", GOOD, List.of());

        assertProblem(() -> users.create("bob", OTHER, List.of()), ProblemType.CONFLICT);
        for (String bad : new String[] {"", "Bob", "-bob", "bob smith", "a".repeat(64), "../etc"}) {
            assertProblem(() -> users.create(bad, GOOD, List.of()), ProblemType.BAD_REQUEST);
        }
        assertProblem(() -> users.create("carol", GOOD, List.of("Ops Team")), ProblemType.BAD_REQUEST);
        assertProblem(() -> users.create("carol", "carol".toCharArray(), List.of()), ProblemType.BAD_REQUEST);
        assertThat(users.find("carol")).isEmpty();
    }

    @Test
    void refusesToDeleteAdminOrAnUnknownUser() {
        users.initAdmin(GOOD);

        assertProblem(() -> users.delete("admin"), ProblemType.BAD_REQUEST);
        assertProblem(() -> users.delete("nobody"), ProblemType.NOT_FOUND);
        assertThat(users.find("admin")).isPresent();
    }

    @Test
    void verifiesPasswords() {
        users.create("bob", GOOD, List.of("dev"));

        assertThat(users.verify("bob", GOOD)).map(User::name).contains("bob");
        assertThat(users.verify("bob", OTHER)).isEmpty();
        assertThat(users.verify("nobody", GOOD)).isEmpty();
        assertThat(users.verify("Not A Name", GOOD)).isEmpty();
        assertThat(users.verify(null, GOOD)).isEmpty();
    }

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() {
        users.create("bob", GOOD, List.of());
        users.verify("nobody", OTHER); // warm up, including the decoy hash

        long wrongPassword = medianNanos(() -> users.verify("bob", OTHER));
        long unknownUser = medianNanos(() -> users.verify("nobody", OTHER));

        // Skipping Argon2 would make the unknown user ~100 times faster; scheduling noise is far below half.
        assertThat(unknownUser).isGreaterThan(wrongPassword / 2);
    }

    @Test
    void changesPasswords() {
        User before = users.create("bob", GOOD, List.of());

        User after = users.setPassword("bob", OTHER);

        assertThat(users.verify("bob", GOOD)).isEmpty();
        assertThat(users.verify("bob", OTHER)).isPresent();
        assertThat(after.passwordChangedAt()).isAfterOrEqualTo(before.passwordChangedAt());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertProblem(() -> users.setPassword("bob", "password".toCharArray()), ProblemType.BAD_REQUEST);
        assertProblem(() -> users.setPassword("nobody", OTHER), ProblemType.NOT_FOUND);
    }

    @Test
    void upgradesAnOldHashAtTheNextLogin() {
        PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1));
        new Users(store, cheap, new PasswordPolicy(), Clock.systemUTC()).create("bob", GOOD, List.of());

        assertThat(users.verify("bob", GOOD)).isPresent();

        String stored = Json.read(store.get(Users.PREFIX + "bob").orElseThrow().value(), StoredUser.class).passwordHash();
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(users.verify("bob", GOOD)).isPresent();
    }

    @Test
    void firstStartCreatesAdminWithARandomPasswordInAnOwnerOnlyFile() throws Exception {
        Path dataDir = dir.resolve("data");

        String password = users.ensureAdmin(dataDir).orElseThrow();

        Path file = dataDir.resolve(Users.ADMIN_PASSWORD_FILE);
        assertThat(password).hasSize(24);
        assertThat(Files.readString(file)).isEqualTo(password + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(users.verify("admin", password.toCharArray())).map(User::groups).contains(List.of("admins"));
        assertThat(users.ensureAdmin(dataDir)).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(password + "\n");
        try (var leftovers = Files.list(dataDir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void hubsRacingOnFirstStartCreateOneAdmin() throws Exception {
        int hubs = 4;
        List<Callable<Optional<String>>> starts = new ArrayList<>();
        for (int i = 0; i < hubs; i++) {
            Users hub = new Users(store);
            Path dataDir = dir.resolve("hub" + i);
            starts.add(() -> hub.ensureAdmin(dataDir));
        }
        ExecutorService pool = Executors.newFixedThreadPool(hubs);
        List<Optional<String>> results = new ArrayList<>();
        try {
            for (Future<Optional<String>> f : pool.invokeAll(starts)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }

        List<String> passwords = results.stream().flatMap(Optional::stream).toList();
        assertThat(passwords).hasSize(1);
        assertThat(users.verify("admin", passwords.getFirst().toCharArray())).isPresent();
        long files = 0;
        for (int i = 0; i < hubs; i++) {
            files += Files.exists(dir.resolve("hub" + i).resolve(Users.ADMIN_PASSWORD_FILE)) ? 1 : 0;
        }
        assertThat(files).isEqualTo(1);
    }

    @Test
    void initAdminCreatesOrResetsAdminThroughThePolicy() {
        users.initAdmin(GOOD);
        assertThat(users.verify("admin", GOOD)).map(User::groups).contains(List.of("admins"));

        users.initAdmin(OTHER);
        assertThat(users.verify("admin", GOOD)).isEmpty();
        assertThat(users.verify("admin", OTHER)).isPresent();

        assertProblem(() -> users.initAdmin("nacos".toCharArray()), ProblemType.BAD_REQUEST);
        assertProblem(() -> users.initAdmin("admin123456789".toCharArray()), ProblemType.BAD_REQUEST);
        assertThat(users.verify("admin", OTHER)).isPresent();
    }

    @Test
    void aResetAdminKeepsItsOtherGroups() {
        users.create("admin", GOOD, List.of("ops"));

        users.initAdmin(OTHER);

        assertThat(users.find("admin")).map(User::groups).contains(List.of("admins", "ops"));
    }

    private static long medianNanos(Runnable action) {
        long[] samples = new long[5];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            action.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static void assertProblem(ThrowingCallable call, ProblemType type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(type));
    }
}
