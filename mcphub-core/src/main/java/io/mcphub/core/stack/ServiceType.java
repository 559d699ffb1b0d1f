package io.mcphub.core.stack;

/** What a service is: an MCP server the gateway aggregates, or a plain HTTP microservice it only deploys. */
public enum ServiceType implements Spelled {
    MCP,
    HTTP
}
