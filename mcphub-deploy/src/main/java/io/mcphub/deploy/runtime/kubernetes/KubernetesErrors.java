package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * Turns the API's failures into one sentence that says what to do: an unreachable server, missing credentials and,
 * most often, a service account whose RBAC lacks a verb on pods in the namespace.
 */
final class KubernetesErrors {

    /** Every verb the runtime uses, for the Role an operator grants the agent. */
    static final String ROLE_HINT = "kubectl create role mcphub-agent --verb=get,list,watch,create,delete"
            + " --resource=pods,pods/log";

    private KubernetesErrors() {}

    /**
     * @param verb the Kubernetes verb that failed ({@code create}, {@code list}, {@code delete}, …)
     * @param what the object, e.g. {@code pod mcphub-a1} or {@code pods}
     */
    static IllegalStateException explain(KubernetesClientException e, String server, String namespace, String verb,
                                         String what) {
        IOException io = ioFailure(e);
        if (e.getCode() <= 0) {
            String message = io != null
                    ? "cannot reach the Kubernetes API server at " + server + " to " + verb + " " + what + " in namespace "
                    + namespace + " (" + describe(io) + "): check that the server runs and this node can reach it"
                    : "cannot " + verb + " " + what + " in namespace " + namespace + ": " + describe(rootOf(e));
            return new IllegalStateException(message, e);
        }
        String message = switch (e.getCode()) {
            case 401 -> "the Kubernetes API server at " + server + " rejected the agent's credentials (401) when asked to "
                    + verb + " " + what + " in namespace " + namespace + ": renew the service-account token or the"
                    + " kubeconfig user's credentials";
            case 403 -> "the agent may not " + verb + " " + what + " in namespace " + namespace + " (403 Forbidden: "
                    + statusMessage(e) + "): grant its service account or kubeconfig user a Role there, e.g. "
                    + ROLE_HINT + " -n " + namespace + " and a RoleBinding to it";
            case 404 -> "cannot " + verb + " " + what + " in namespace " + namespace + " (404: " + statusMessage(e)
                    + "): create the namespace or point the runtime at one that exists";
            case 409 -> "cannot " + verb + " " + what + " in namespace " + namespace + " (409 Conflict: "
                    + statusMessage(e) + "): delete the old pod or wait until it is gone";
            case 422 -> "the Kubernetes API refused " + what + " in namespace " + namespace + " as invalid ("
                    + statusMessage(e) + "): fix the service's image, command or port in the stack";
            default -> "the Kubernetes API server at " + server + " failed to " + verb + " " + what + " in namespace "
                    + namespace + " (" + e.getCode() + ": " + statusMessage(e) + ")";
        };
        return new IllegalStateException(message, e);
    }

    /** Whether an explained failure was the API's 409: the object exists already. */
    static boolean conflict(RuntimeException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == 409;
    }

    /** The outermost I/O failure behind {@code e}: the client's own exception says less than it. */
    private static IOException ioFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : describe(rootOf(e));
    }

    private static Throwable rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
