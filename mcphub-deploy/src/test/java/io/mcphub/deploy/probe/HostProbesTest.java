package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.probe;
import static io.mcphub.deploy.probe.Fixtures.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host probes against fixture machines: an x86 cloud server, a Raspberry Pi, and a pod with no /proc. */
class HostProbesTest {

    static final ProbeContext X86 = context(root("x86-server"), Map.of());
    static final ProbeContext PI = context(root("raspberry-pi"), Map.of());
    static final ProbeContext POD = context(root("k8s-pod"), Map.of("HOSTNAME", "agent-7d9f"));

    @Nested
    class Cpu {

        @Test
        void countsProcessorsAndNamesTheModelOnX86() throws Exception {
            assertThat(probe(new CpuProbe(), X86).cpu())
                    .isEqualTo(new NodeFacts.Cpu(4, "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz"));
        }

        @Test
        void namesTheBoardOnArmWhereThereIsNoModelName() throws Exception {
            assertThat(probe(new CpuProbe(), PI).cpu()).isEqualTo(new NodeFacts.Cpu(4, "Raspberry Pi 4 Model B Rev 1.4"));
        }

        @Test
        void fallsBackToTheJvmWithoutCpuinfo() throws Exception {
            assertThat(probe(new CpuProbe(), POD).cpu())
                    .isEqualTo(new NodeFacts.Cpu(Runtime.getRuntime().availableProcessors(), null));
        }
    }

    @Nested
    class Memory {

        @Test
        void readsTotalAndAvailableInMebibytes() throws Exception {
            assertThat(probe(new MemoryProbe(), X86).memory()).isEqualTo(new NodeFacts.Memory(15714, 11575));
        }

        @Test
        void takesMemFreeOnKernelsWithoutMemAvailable() throws Exception {
            assertThat(probe(new MemoryProbe(), PI).memory()).isEqualTo(new NodeFacts.Memory(3793, 2842));
        }

        @Test
        void fallsBackToTheJvmWithoutMeminfo() throws Exception {
            NodeFacts.Memory memory = probe(new MemoryProbe(), POD).memory();
            assertThat(memory.totalMb()).isPositive();
            assertThat(memory.availableMb()).isPositive().isLessThanOrEqualTo(memory.totalMb());
        }

        @Test
        void failsOnMeminfoWithoutTotal() {
            assertThatThrownBy(() -> MemoryProbe.fromMeminfo("MemFree: 12 kB\n"))
                    .hasMessageContaining("MemTotal");
        }
    }

    @Nested
    class Disk {

        @Test
        void measuresTheDataDirectorysFilesystem(@TempDir Path dataDir) throws Exception {
            NodeFacts.Disk disk = probe(new DiskProbe(), context(dataDir, Map.of())).disk();
            assertThat(disk.path()).isEqualTo(dataDir.toAbsolutePath().toString());
            assertThat(disk.totalMb()).isPositive();
            assertThat(disk.freeMb()).isBetween(0L, disk.totalMb());
        }

        @Test
        void measuresWhereADataDirectoryNotYetCreatedWillBe(@TempDir Path tmp) throws Exception {
            Path dataDir = tmp.resolve("not/yet/there");
            ProbeContext ctx = new ProbeContext(tmp, Map.of(), dataDir, POD.clock(), POD.commands(), POD.unixHttp());
            NodeFacts.Disk disk = probe(new DiskProbe(), ctx).disk();
            assertThat(disk.path()).isEqualTo(dataDir.toString());
            assertThat(disk.totalMb()).isEqualTo(Files.getFileStore(tmp).getTotalSpace() >> 20);
            assertThat(dataDir).doesNotExist();
        }
    }

    @Nested
    class Os {

        @Test
        void readsDistributionKernelAndHostName() throws Exception {
            assertThat(probe(new OsProbe(), X86).os())
                    .isEqualTo(new NodeFacts.Os("Ubuntu 22.04.4 LTS", "5.15.0-1051-aws", "amd64", "ip-10-0-3-17"));
            assertThat(probe(new OsProbe(), PI).os().name()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        }

        @Test
        void fallsBackToTheJvmAndTheEnvironmentWithoutProc() throws Exception {
            NodeFacts.Os os = probe(new OsProbe(), POD).os();
            assertThat(os.name()).isEqualTo("Alpine Linux v3.20");
            assertThat(os.kernel()).isEqualTo(System.getProperty("os.version"));
            assertThat(os.hostname()).isEqualTo("agent-7d9f");
        }

        @ParameterizedTest
        @CsvSource({"amd64,amd64", "x86_64,amd64", "aarch64,arm64", "arm64,arm64", "ppc64le,ppc64le", "S390X,s390x"})
        void namesArchitecturesAsImagesDo(String jvm, String expected) {
            assertThat(OsProbe.arch(jvm)).isEqualTo(expected);
        }
    }

    @Nested
    class Network {

        @Test
        void listsRoutableAddressesIpv4FirstWithoutLinkLocalOrScope() throws Exception {
            List<NetworkProbe.Nic> nics = List.of(
                    new NetworkProbe.Nic("lo", List.of(ip("127.0.0.1"), ip("::1"))),
                    new NetworkProbe.Nic("eth0", List.of(ip("fe80::1%1"), ip("2001:db8::7"), ip("10.0.3.17"))),
                    new NetworkProbe.Nic("eth1", List.of(ip("169.254.1.2"), ip("192.168.1.5"))));
            assertThat(NetworkProbe.addresses(nics)).containsExactly("10.0.3.17", "192.168.1.5", "2001:db8:0:0:0:0:0:7");
        }

        @Test
        void fallsBackToLoopbackWhenThatIsAllThereIs() throws Exception {
            List<NetworkProbe.Nic> nics = List.of(
                    new NetworkProbe.Nic("lo", List.of(ip("::1"), ip("127.0.0.1"))),
                    new NetworkProbe.Nic("eth0", List.of(ip("fe80::1"))));
            assertThat(NetworkProbe.addresses(nics)).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        }

        @Test
        void findsAddressesOnThisMachine() throws Exception {
            assertThat(probe(new NetworkProbe(), POD).addresses()).isNotEmpty();
        }

        private static InetAddress ip(String literal) throws Exception {
            return InetAddress.getByName(literal);
        }
    }
}
