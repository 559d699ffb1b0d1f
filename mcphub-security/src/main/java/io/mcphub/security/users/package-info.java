/** The hub's user accounts in the store, and the first admin an install creates for itself. */
package io.mcphub.security.users;
