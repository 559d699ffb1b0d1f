package io.mcphub.security.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"admin", "ADMIN", "Nacos", "PASSWORD", "123456", "changeme", "ChangeMe", "root", "secret",
            "administrator", "123456789012", "Passw0rd2024!", "Changeme1234!", "qwertyuiop123", "zzzzzzzzzzzzzzzz",
            "kT9#vv2x", "eleven-char", "alice", "ALICE", "alice2024!!!!!"})
    void refusesWeakPasswordsWithoutEchoingThem(String weak) {
        assertThatThrownBy(() -> policy.check("alice", weak.toCharArray()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST);
                    assertThat(e.getMessage())
                            .doesNotContain(weak).contains("; choose");
                });
    }

    @Test
    void refusesAnEmptyPassword() {
        assertThatThrownBy(() -> policy.check("alice", new char[0]))
                .isInstanceOf(ProblemException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> policy.check("alice", null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void refusesAnAbsurdlyLongPassword() {
        assertThatThrownBy(() -> policy.check("alice", "x".repeat(500).concat("y".repeat(600)).toCharArray()))
                .isInstanceOf(ProblemException.class).hasMessageContaining("longer than 1024");
    }

    @Test
    void saysWhichRuleWasBroken() {
        assertThatThrownBy(() -> policy.check("alice", "kT9#vv2".toCharArray())).hasMessageContaining("shorter than 12");
        assertThatThrownBy(() -> policy.check("alice", "alice".toCharArray())).hasMessageContaining("user name");
        assertThatThrownBy(() -> policy.check("alice", "nacos".toCharArray())).hasMessageContaining("well-known");
    }

    @Test
    void acceptsLongUnguessablePasswords() {
        assertThatCode(() -> policy.check("alice", "correct horse battery staple".toCharArray())).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("alice", PasswordGenerator.generate(24))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("admin", "Tr0ub4dor&3-extended".toCharArray())).doesNotThrowAnyException();
    }

    @Test
    void leavesTheCallersArrayIntact() {
        char[] password = "correct horse battery staple".toCharArray();

        policy.check("alice", password);

        assertThat(new String(password)).isEqualTo("correct horse battery staple");
    }
}
