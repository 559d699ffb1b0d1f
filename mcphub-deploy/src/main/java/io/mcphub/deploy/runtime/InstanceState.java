package io.mcphub.deploy.runtime;

/** Where an instance is in its life; {@link #STOPPED} and {@link #FAILED} are final. */
public enum InstanceState {
    NEW, STARTING, HEALTHY, UNHEALTHY, RESTARTING, STOPPED, FAILED;

    public boolean isFinal() {
        return this == STOPPED || this == FAILED;
    }
}
