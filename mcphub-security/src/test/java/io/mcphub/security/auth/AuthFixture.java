package io.mcphub.security.auth;

import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.security.jwt.AccessTokens;
import io.mcphub.security.jwt.MutableClock;
import io.mcphub.security.jwt.RefreshTokens;
import io.mcphub.security.jwt.SigningKeys;
import io.mcphub.security.password.PasswordHasher;
import io.mcphub.security.password.PasswordPolicy;
import io.mcphub.security.users.Users;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;

/** One hub's identity services over a real embedded store, all on one hand-moved clock. */
final class AuthFixture implements AutoCloseable {

    final MutableClock clock = new MutableClock();
    final Store store;
    final Users users;
    final AccessTokens accessTokens;
    final RefreshTokens refreshTokens;
    final ApiTokens apiTokens;
    final LoginThrottle throttle = new LoginThrottle(clock);
    final LoginService login;

    AuthFixture(Path dataDir) {
        store = Stores.open("embedded", dataDir);
        users = new Users(store, new PasswordHasher(), new PasswordPolicy(), clock);
        accessTokens = new AccessTokens(new SigningKeys(store, new EnvelopeCipher(MasterKey.loadOrCreate(dataDir)), clock), clock);
        refreshTokens = new RefreshTokens(store, clock);
        apiTokens = new ApiTokens(store, clock);
        login = new LoginService(users, accessTokens, refreshTokens, throttle);
    }

    @Override
    public void close() {
        store.close();
    }
}
