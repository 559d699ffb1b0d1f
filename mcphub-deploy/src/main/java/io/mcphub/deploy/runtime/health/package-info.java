/** Liveness checks a supervisor runs on its schedule: MCP ping over stdio, HTTP GET, TCP connect. */
package io.mcphub.deploy.runtime.health;
