/**
 * The Kubernetes runtime: each instance is one pod, created and deleted through the API with the fabric8 client,
 * supervised by the kubelet, watched by one informer per runtime. See {@link
 * io.mcphub.deploy.runtime.kubernetes.KubernetesRuntime}.
 */
package io.mcphub.deploy.runtime.kubernetes;
