package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a stack spec (YAML or JSON). A spec is accepted whole or refused whole: every problem is reported, each at
 * its line, column and path, and nothing of a refused spec is returned.
 */
public final class StackParser {

    private StackParser() {}

    /**
     * @param format {@code null} to tell JSON from YAML by the first character
     * @param source names the text in error messages, e.g. the file name the CLI read
     * @throws ProblemException INVALID_DOCUMENT, whose detail is the first problem as
     *                          {@code SOURCE:LINE:COL: PATH: MESSAGE} (and how many more there are) and whose errors
     *                          locate every problem
     */
    public static Stack parse(String text, DocumentFormat format, String source) {
        DocumentFormat f = format == null ? DocumentFormat.sniff(text) : format;
        JsonNode root = DocumentParser.parse(text, f, source);
        Problems problems = new Problems();
        Stack stack = StackReader.read(root, problems);
        problems.throwIfAny(text, f, source);
        return stack;
    }

    /** Reads a file, its format from its extension (else from its content), named in errors as given. */
    public static Stack read(Path file) {
        try {
            String text = Files.readString(file);
            return parse(text, DocumentFormat.ofFileName(file.getFileName().toString()).orElse(null), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
