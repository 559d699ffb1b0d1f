/**
 * The core model every other module builds on: document parsing with source positions, the typed problem that
 * every layer raises and the HTTP layer renders as RFC 9457, and the shared JSON/YAML mappers. Depends on nothing
 * of the project.
 */
package io.mcphub.core;
