/** The node agent: joins a hub over mTLS, probes its node, runs the instances placed on it and reports their state. */
package io.mcphub.agent;
