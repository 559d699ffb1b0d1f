package io.mcphub.hub;

import io.mcphub.config.ConfigCenter;
import io.mcphub.hub.http.ApiRoute;
import io.mcphub.hub.http.ApiServer;
import io.mcphub.hub.http.AuditRoutes;
import io.mcphub.hub.http.AuthRoutes;
import io.mcphub.hub.http.ClusterRoutes;
import io.mcphub.hub.http.LogLevelRoutes;
import io.mcphub.hub.http.LogRoutes;
import io.mcphub.hub.logging.McpLogLevels;
import io.mcphub.hub.metrics.HubMetrics;
import io.mcphub.hub.settings.HubLogSettings;
import io.mcphub.hub.settings.LiveDocument;
import io.mcphub.security.pki.RenewingIdentity;
import io.mcphub.hub.metrics.MetricsRoutes;
import io.mcphub.hub.http.NodeRoutes;
import io.mcphub.hub.http.SshNodeRoutes;
import io.mcphub.hub.ssh.HubSshKey;
import io.mcphub.hub.ssh.NodeRemoval;
import io.mcphub.hub.ssh.SshNodes;
import io.mcphub.hub.agents.AgentApiServer;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.agents.InstanceConfig;
import io.mcphub.hub.cluster.ServiceUpdate;
import io.mcphub.config.ConfigEvent;
import io.mcphub.hub.cluster.ConfigPropagation;
import io.mcphub.hub.cluster.ConfigRollouts;
import io.mcphub.hub.cluster.ConfigStatus;
import io.mcphub.hub.http.ConfigStatusRoutes;
import io.mcphub.hub.cluster.Draining;
import io.mcphub.hub.gateway.HubGateway;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.hub.cluster.Reconciler;
import io.mcphub.hub.http.ConfigRoutes;
import io.mcphub.hub.http.HubRoutes;
import io.mcphub.hub.http.PolicyRoutes;
import io.mcphub.hub.http.TokenRoutes;
import io.mcphub.hub.http.UserRoutes;
import io.mcphub.hub.http.WatchRoutes;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.security.auth.ApiTokens;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.LoginService;
import io.mcphub.security.auth.LoginThrottle;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.security.jwt.AccessTokens;
import io.mcphub.security.jwt.RefreshTokens;
import io.mcphub.security.jwt.SigningKeys;
import io.mcphub.security.pki.AgentEnrollment;
import io.mcphub.security.pki.CertificateAuthority;
import io.mcphub.security.pki.JoinTokens;
import io.mcphub.security.pki.Revocations;
import io.mcphub.security.pki.TlsContexts;
import io.mcphub.security.pki.Pem;
import io.mcphub.security.rbac.Permissions;
import io.mcphub.security.rbac.Policies;
import io.mcphub.security.users.Users;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, the master key and the services on top, then the HTTP API. Reading this
 * constructor top to bottom shows every component of a running hub and what it depends on.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    /** How long a config rollout waits for each restarted instance to be healthy before it stops and says so. */
    private static final java.time.Duration ROLLOUT_PER_INSTANCE = java.time.Duration.ofSeconds(60);
    /** The internal CA's certificate, for clients of a hub whose API presents a certificate it issued. */
    public static final String CA_FILE = "ca.pem";

    private final Path dataDir;
    private final Store store;
    private final Policies policies;
    private final AuditLog audit;
    private final ApiServer server;
    private final String url;
    private final String adminToken;
    private final Optional<String> initialAdminPassword;
    private final ChangeFeed placements;
    private final AgentApiServer agents;
    private final Reconciler reconciler;
    private final AgentLinks links;
    private final SshNodes sshNodes;
    private final HubGateway gateway;
    private final ConfigRollouts rollouts;
    private final JoinTokens joinTokens;
    private final String agentEndpoint;
    private final HubMetrics metrics;
    private final LiveDocument<HubLogSettings> logSettings;
    private final CertificateRenewal renewal;

    private Hub(HubSettings settings) throws IOException {
        this.dataDir = createPrivateDir(settings.dataDir().toAbsolutePath());
        this.store = Stores.open(settings.store(), dataDir);
        Policies openedPolicies = null;
        AuditLog openedAudit = null;
        ChangeFeed openedFeed = null;
        AgentApiServer openedAgents = null;
        Reconciler openedReconciler = null;
        AgentLinks openedLinks = null;
        SshNodes openedSsh = null;
        HubGateway openedGateway = null;
        ConfigRollouts openedRollouts = null;
        HubMetrics openedMetrics = null;
        LiveDocument<HubLogSettings> openedLogSettings = null;
        CertificateRenewal openedRenewal = null;
        try {
            Clock clock = Clock.systemUTC();
            EnvelopeCipher cipher = new EnvelopeCipher(MasterKey.loadOrCreate(dataDir));

            // identity: users first, so that tokens minted below are younger than the admin they act for
            Users users = new Users(store);
            this.initialAdminPassword = users.ensureAdmin(dataDir);
            openedPolicies = new Policies(store);
            openedPolicies.ensureBootstrap();
            SigningKeys keys = new SigningKeys(store, cipher, clock);
            keys.ensureActive();
            AccessTokens accessTokens = new AccessTokens(keys, clock);
            ApiTokens apiTokens = new ApiTokens(store, clock);
            Authenticator authenticator = new Authenticator(accessTokens, apiTokens, users, openedPolicies);
            LoginService login = new LoginService(users, accessTokens, new RefreshTokens(store, clock), new LoginThrottle(clock));
            openedAudit = AuditLog.open(store, dataDir);

            ConfigCenter config = new ConfigCenter(store, cipher);
            // the hub's own components, live: log levels from the document "hub", applied on every publish
            openedLogSettings = new LiveDocument<>(store, config, HubLogSettings.KEY, HubLogSettings::parse, HubLogSettings.NONE);
            openedLogSettings.current().apply();
            openedLogSettings.onChange(HubLogSettings::apply);

            // deployment: desired state, the nodes' PKI and the agent channel
            CertificateAuthority ca = new CertificateAuthority(store, cipher, clock);
            Revocations revocations = new Revocations(store, clock);
            JoinTokens joinTokens = new JoinTokens(store, ca, clock);
            AgentEnrollment enrollment = new AgentEnrollment(ca, joinTokens, revocations, null);
            Nodes nodes = new Nodes(store);
            Instances instances = new Instances(store);
            // a new configuration head changes assignments too: files rewritten in place, gray candidates
            openedMetrics = new HubMetrics();
            openedMetrics.watchCluster(store, nodes, instances);
            openedFeed = new ChangeFeed(store, List.of(Instances.PREFIX, Instances.STATUS, ConfigEvent.storePrefix("")));
            Draining draining = new Draining();
            Deployments deployments = new Deployments(store, nodes, instances, draining, clock);
            List<InetAddress> listenAddress = List.of(InetAddress.getByName(settings.host()));
            RenewingIdentity hubIdentity = RenewingIdentity.issuedBy(() -> ca.issueServerCertificate(List.of("localhost"), listenAddress, null));
            openedAgents = new AgentApiServer(TlsContexts.agentListener(hubIdentity, ca, revocations), settings.host(),
                    settings.agentPort(), nodes, instances, openedFeed, revocations, enrollment, new InstanceConfig(config),
                    new ConfigPropagation(config, openedMetrics::configApplied),
                    clock);
            int agentPort = openedAgents.start();
            String agentEndpoint = "https://" + hostForUrl(advertised(settings.host(), null)) + ":" + agentPort;
            // A hub on a wildcard address tells each joining agent the host that agent reached it by.
            java.util.function.UnaryOperator<String> endpointFor = requestHost ->
                    "https://" + hostForUrl(advertised(settings.host(), requestHost)) + ":" + agentPort;
            openedReconciler = new Reconciler(store, deployments, nodes, instances);
            // nodes over SSH: the hub's own key, and the tunnels through which the links reach those nodes
            HubSshKey sshKey = new HubSshKey(store, cipher, clock, "mcphub@" + ca.installId());
            openedSsh = new SshNodes(store, nodes, joinTokens, revocations, sshKey, dataDir.resolve("ssh"), clock);
            openedLinks = new AgentLinks(hubIdentity, ca, revocations, nodes, openedSsh::bridge);
            // an operator's certificate files are read again when theirs is due: replacing the files renews it
            RenewingIdentity publicTls = settings.tls().enabled()
                    ? RenewingIdentity.issuedBy(() -> PublicCertificate.of(settings.tls(), settings.host(), ca)) : null;
            java.util.Map<String, RenewingIdentity> renewing = new java.util.LinkedHashMap<>();
            renewing.put("agent-listener", hubIdentity);
            if (publicTls != null) {
                renewing.put("public-api", publicTls);
            }
            openedRenewal = new CertificateRenewal(renewing, clock);
            openedGateway = new HubGateway(store, config, deployments, instances, nodes, openedLinks, authenticator, openedAudit,
                    draining, openedMetrics::toolCall);
            openedMetrics.watchGatewaySessions(openedGateway::sessionCount);
            openedRollouts = new ConfigRollouts(store, deployments, instances, nodes, config, ROLLOUT_PER_INSTANCE);

            this.server = new ApiServer(authenticator, openedAudit, List.of(
                    new HubRoutes(store, version(), Instant.now()),
                    new AuthRoutes(login, keys),
                    new UserRoutes(users),
                    new TokenRoutes(apiTokens),
                    new PolicyRoutes(openedPolicies, users),
                    new AuditRoutes(store),
                    new ConfigRoutes(config),
                    new ConfigStatusRoutes(new ConfigStatus(config, instances, nodes)),
                    new WatchRoutes(store, config, authenticator),
                    new NodeRoutes(joinTokens, enrollment, nodes, endpointFor, clock),
                    // before the cluster routes: GET nodes/{name} would take "ssh-key" for a node name
                    new SshNodeRoutes(sshKey, openedSsh, new NodeRemoval(nodes, revocations, openedSsh)),
                    // before the cluster routes: GET services/<name> would take "NAME/logs" for a STACK/SERVICE name
                    new LogRoutes(deployments, instances, openedLinks),
                    new LogLevelRoutes(new McpLogLevels(deployments, instances, openedLinks)),
                    new ClusterRoutes(deployments, nodes, instances, new ServiceUpdate(deployments, config, openedRollouts)),
                    new MetricsRoutes(openedMetrics)),
                    new ApiServer.Listener(settings.host(), settings.port(), publicTls == null ? null : TlsContexts.server(publicTls)),
                    openedGateway::routes, openedMetrics::httpRequest);
            this.joinTokens = joinTokens;
            this.agentEndpoint = agentEndpoint;
            int port = server.start();
            openedSsh.listen(new SshNodes.HubPorts(publicTls == null ? "http" : "https", advertised(settings.host(), null), port, agentPort));
            this.url = (publicTls == null ? "http" : "https") + "://" + hostForUrl(advertised(settings.host(), null)) + ":" + port;
            this.adminToken = adminToken(authenticator, apiTokens);
            Path caFile = null;
            if (settings.tls().mode() == PublicTls.Mode.INTERNAL_CA) {
                caFile = dataDir.resolve(CA_FILE);
                Files.writeString(caFile, Pem.encode(ca.caCertificate())); // public: clients pin it to trust the API
            }
            CliEnv.write(dataDir, url, adminToken, caFile);
        } catch (RuntimeException | IOException e) {
            closeQuietly(openedRollouts);
            closeQuietly(openedReconciler);
            closeQuietly(openedGateway);
            closeQuietly(openedLinks);
            closeQuietly(openedSsh);
            closeQuietly(openedAgents);
            closeQuietly(openedFeed);
            closeQuietly(openedAudit);
            closeQuietly(openedPolicies);
            closeQuietly(openedMetrics);
            closeQuietly(openedLogSettings);
            closeQuietly(openedRenewal);
            store.close();
            throw e;
        }
        this.policies = openedPolicies;
        this.audit = openedAudit;
        this.placements = openedFeed;
        this.agents = openedAgents;
        this.reconciler = openedReconciler;
        this.links = openedLinks;
        this.sshNodes = openedSsh;
        this.gateway = openedGateway;
        this.rollouts = openedRollouts;
        this.metrics = openedMetrics;
        this.logSettings = openedLogSettings;
        this.renewal = openedRenewal;
        LOG.info("hub ready url={} store={} dataDir={}", url, store.describe(), dataDir);
    }

    public static Hub start(HubSettings settings) {
        try {
            return new Hub(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub in " + settings.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code mcphub hub init}: sets the admin password before (or instead of) the random one of a first start,
     * without starting the API. The file of a generated password is removed, since it no longer opens anything.
     */
    public static void init(String storeSpec, Path dataDir, char[] adminPassword) {
        try {
            Path dir = createPrivateDir(dataDir.toAbsolutePath());
            try (Store store = Stores.open(storeSpec, dir)) {
                MasterKey.loadOrCreate(dir);
                new Users(store).initAdmin(adminPassword);
                try (Policies policies = new Policies(store)) {
                    policies.ensureBootstrap();
                }
            }
            Files.deleteIfExists(dir.resolve(Users.ADMIN_PASSWORD_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    /** The admin API token of {@code cli.env}: for tests and the in-process agent, never for logs. */
    public String adminToken() {
        return adminToken;
    }

    /** The admin password generated at this (first) start, to be shown once; empty on later starts. */
    public Optional<String> initialAdminPassword() {
        return initialAdminPassword;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path cliEnv() {
        return dataDir.resolve(CliEnv.FILE_NAME);
    }

    public Store store() {
        return store;
    }

    /** Every route this hub serves. */
    public List<ApiRoute> routes() {
        return server.routes();
    }

    /** A one-time join token, for the in-process agent of {@code mcphub dev} and for tests. */
    public String createJoinToken(java.time.Duration ttl) {
        return joinTokens.create(ttl, java.util.Map.of()).token();
    }

    /** The hub's meters: for components that record into them (e.g. {@link HubMetrics#configApplied}). */
    public HubMetrics metrics() {
        return metrics;
    }

    /** Where agents reach the hub over mutual TLS. */
    public String agentEndpoint() {
        return agentEndpoint;
    }

    @Override
    public void close() {
        try {
            closeQuietly(rollouts);
            closeQuietly(reconciler);
            closeQuietly(agents);
            server.close();
            closeQuietly(gateway);
            closeQuietly(links);
            closeQuietly(sshNodes);
        } finally {
            closeQuietly(placements);
            closeQuietly(audit);
            closeQuietly(policies);
            closeQuietly(metrics);
            closeQuietly(logSettings);
            closeQuietly(renewal);
            store.close();
            LOG.info("hub stopped url={}", url);
        }
    }

    /**
     * Keeps the admin token of an earlier start if it still authenticates as an unrestricted admin (so shells that
     * sourced cli.env keep working across restarts); otherwise mints a new one. Never a fixed default.
     */
    private String adminToken(Authenticator authenticator, ApiTokens tokens) {
        return CliEnv.readToken(dataDir)
                .filter(t -> authenticator.authenticate(t)
                        .map(p -> p.name().equals(Users.ADMIN) && p.allows("write:policy", null)).orElse(false))
                .orElseGet(() -> tokens.create("cli.env", Users.ADMIN, List.of(Permissions.ALL), null).token());
    }

    private static Path createPrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** A wildcard listen address is no address to dial: use the one the caller came by, else the loopback. */
    private static String advertised(String listenHost, String requestHost) {
        boolean wildcard = listenHost.equals("0.0.0.0") || listenHost.equals("::") || listenHost.equals("[::]");
        return !wildcard ? listenHost : requestHost != null ? requestHost : "127.0.0.1";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String version() {
        String v = Hub.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
