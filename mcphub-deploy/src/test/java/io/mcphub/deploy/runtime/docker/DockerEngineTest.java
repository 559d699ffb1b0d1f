package io.mcphub.deploy.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engine client's HTTP reading; talking to the real engine is {@link DockerRuntimeTest}'s part. */
class DockerEngineTest {

    private static DockerEngine.Reply read(String reply) throws IOException {
        return DockerEngine.read(new ByteArrayInputStream(reply.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void repliesAreWholeAtTheirContentLengthOrAtTheEndOfTheStream() throws Exception {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK and more")).isEqualTo(new DockerEngine.Reply(200, "OK"));
        assertThat(read("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nOK")).isEqualTo(new DockerEngine.Reply(200, "OK"));
        assertThat(read("HTTP/1.1 404 Not Found\r\n\r\n{\"message\":\"No such image\"}").message()).isEqualTo("No such image");
    }

    @Test
    void aCutReplyOrSomethingElseIsNotAReply() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nOK")).hasMessageContaining("cut short");
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n\r\n")).hasMessageContaining("not an HTTP reply");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-")).hasMessageContaining("closed before");
    }
}
