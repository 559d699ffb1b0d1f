package io.mcphub.security.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsAnArgon2idPhcStringWithOwaspParameters() {
        String hash = hasher.hash("correct horse battery staple".toCharArray());

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple".toCharArray());

        assertThat(hasher.verify("correct horse battery staple".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        char[] password = "correct horse battery staple".toCharArray();

        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        // Produced by libargon2 (the PHC reference implementation), so hashes move freely between implementations.
        assertThat(hasher.verify("correct horse battery staple".toCharArray(),
                "$argon2id$v=19$m=19456,t=2,p=1$bWNwaHViLXNhbHQtMTIzNA$8L1nvBi8f4R0nGnd5osG205bDJdaNVgEZYIClqbilzw")).isTrue();
        assertThat(hasher.verify("pässwörd-ünïcode-✓".toCharArray(),
                "$argon2id$v=19$m=1024,t=1,p=2$bWNwaHViLXNhbHQtMTIzNA$av9ZDeWwCUobUQhxWLH4xEtyKBa27N18V1f2k/Ej1hg")).isTrue();
    }

    @Test
    void malformedOrForeignHashesMatchNothing() {
        char[] password = "correct horse battery staple".toCharArray();

        assertThat(hasher.verify(password, null)).isFalse();
        assertThat(hasher.verify(password, "")).isFalse();
        assertThat(hasher.verify(password, "correct horse battery staple")).isFalse();
        assertThat(hasher.verify(password,
                "$argon2i$v=19$m=19456,t=2,p=1$bWNwaHViLXNhbHQtMTIzNA$8L1nvBi8f4R0nGnd5osG205bDJdaNVgEZYIClqbilzw")).isFalse();
        assertThat(hasher.verify(password,
                "$argon2id$v=19$m=9999999,t=2,p=1$bWNwaHViLXNhbHQtMTIzNA$8L1nvBi8f4R0nGnd5osG205bDJdaNVgEZYIClqbilzw")).isFalse();
    }

    @Test
    void asksForARehashWhenParametersChange() {
        PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1));
        char[] password = "correct horse battery staple".toCharArray();

        assertThat(hasher.needsRehash(hasher.hash(password))).isFalse();
        assertThat(hasher.needsRehash(cheap.hash(password))).isTrue();
        assertThat(hasher.needsRehash("not a hash")).isTrue();
        assertThat(cheap.verify(password, cheap.hash(password))).isTrue();
    }
}
