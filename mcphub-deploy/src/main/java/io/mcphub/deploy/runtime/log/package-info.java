/** Instance output: size-bounded rotating files, and the reader behind {@code service logs [--follow]}. */
package io.mcphub.deploy.runtime.log;
