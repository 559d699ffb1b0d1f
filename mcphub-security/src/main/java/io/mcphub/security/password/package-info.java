/**
 * Password hashing (Argon2id, PHC strings) and the policy a new password must meet. Passwords travel as
 * {@code char[]}: the caller owns the array and wipes it; these classes wipe every copy they make.
 */
package io.mcphub.security.password;
