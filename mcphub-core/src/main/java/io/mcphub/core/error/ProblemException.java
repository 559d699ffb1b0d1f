package io.mcphub.core.error;

import java.util.List;

/**
 * An error a person can act on. Carries what the HTTP layer needs for an RFC 9457 answer and what the CLI needs
 * for one clear sentence: a stable type, the status, a detail saying what went wrong and what to do, and where.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Location> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, List<Location> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail, List<Location> errors, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<Location> errors() {
        return errors;
    }

    /**
     * Where one problem is: a source position in submitted text ({@code line}/{@code column}, 1-based, 0 when
     * unknown) and/or a JSON path into the document.
     */
    public record Location(String source, int line, int column, String path, String message) {

        public static Location at(String source, int line, int column, String message) {
            return new Location(source, line, column, null, message);
        }

        public static Location path(String path, String message) {
            return new Location(null, 0, 0, path, message);
        }

        /** {@code payment.yaml:3:12: message} or {@code $.interval: message}, as compilers and kubectl print. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (source != null) {
                b.append(source);
            }
            if (line > 0) {
                b.append(b.isEmpty() ? "" : ":").append(line).append(':').append(column);
            }
            if (path != null) {
                b.append(b.isEmpty() ? "" : ": ").append(path);
            }
            return b.isEmpty() ? message : b + ": " + message;
        }
    }
}
