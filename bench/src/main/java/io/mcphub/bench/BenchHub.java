package io.mcphub.bench;

import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.nio.file.Path;

/**
 * A hub in a process of its own for the benches that drive it from outside, as services and users would: its heap,
 * threads and garbage collections are then its own, not shared with a thousand clients'. Prints {@code ready} once it
 * listens (its URL and admin token are in {@code DATA_DIR/cli.env}, never printed) and stops when its standard input
 * closes, so it never outlives the bench that started it.
 *
 * <p>Usage: {@code BenchHub STORE DATA_DIR}.
 */
public final class BenchHub {

    public static void main(String[] args) throws Exception {
        try (Hub hub = Hub.start(new HubSettings(args[0], Path.of(args[1]), "127.0.0.1", 0))) {
            System.out.println("ready " + hub.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the bench to go away
            }
        }
    }
}
