/**
 * The Docker runtime: instances as containers on the node's Docker engine, through the Engine API on its Unix
 * socket ({@link io.mcphub.deploy.runtime.docker.DockerEngine}, also what the node probe asks), supervised like
 * processes. Host networking, no pulls, every container labelled with its owner so none outlives its agent.
 */
package io.mcphub.deploy.runtime.docker;
