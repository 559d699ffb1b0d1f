package io.mcphub.deploy.runtime;

/**
 * Hears every state change of an instance. Called on the instance's supervising thread: return quickly and do not
 * wait for the instance from inside the callback.
 */
@FunctionalInterface
public interface StateListener {
    void changed(Instance instance, InstanceState from, InstanceState to);
}
