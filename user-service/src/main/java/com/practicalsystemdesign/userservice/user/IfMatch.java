package com.practicalsystemdesign.userservice.user;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.practicalsystemdesign.common.web.PreconditionFailedException;

/**
 * The versions a write is conditional on ({@code If-Match}, RFC 9110 13.1.1). Without the
 * header, or with {@code *}, any version will do: the write only needs the user to exist,
 * as it always did. Otherwise the database applies the write only to a row still at one
 * of these versions, and a read answers only a user still at one of them.
 *
 * @param versions the accepted versions; {@code null} for any
 */
record IfMatch(List<Long> versions) {

    static final IfMatch ANY = new IfMatch(null);

    /** One strong entity tag: a quoted string of the characters RFC 9110 allows. */
    private static final String STRONG_TAG = "\"[\\x21\\x23-\\x7E]*\"";

    private static final Pattern HEADER = Pattern
        .compile("\\s*(\\*|" + STRONG_TAG + "(\\s*,\\s*" + STRONG_TAG + ")*)\\s*");

    private static final Pattern TAG = Pattern.compile("\"([\\x21\\x23-\\x7E]*)\"");

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    /**
     * The header as sent (several lines joined by commas), or {@code null}. Tags that are
     * not versions this service issues are kept out: they never match.
     * @throws ErrorResponseException 400 when the header is not {@code *} or a list of
     * strong entity tags (a weak tag can never match a write: RFC 9110 compares strongly)
     */
    static IfMatch parse(String header) {
        if (header == null) {
            return ANY;
        }
        if (!HEADER.matcher(header).matches()) {
            throw malformed(header);
        }
        if (header.strip().equals("*")) {
            return ANY;
        }
        Matcher tags = TAG.matcher(header);
        List<Long> versions = tags.results()
            .map(tag -> tag.group(1))
            .filter(tag -> VERSION.matcher(tag).matches())
            .map(Long::valueOf)
            .toList();
        return new IfMatch(versions);
    }

    boolean any() {
        return versions == null;
    }

    boolean accepts(long version) {
        return any() || versions.contains(version);
    }

    /**
     * The user as read, if at a version this accepts: RFC 9110 refuses a GET with a false
     * {@code If-Match} as it refuses a write.
     * @throws PreconditionFailedException 412 when the user is at another version
     */
    <T> Versioned<T> check(long id, Versioned<T> user) {
        if (!accepts(user.version())) {
            throw movedOn(id, user.version(), "GET it without If-Match to read it");
        }
        return user;
    }

    /**
     * The 412 for a user at {@code version}, which the client's If-Match does not name,
     * with what the client does next.
     */
    static PreconditionFailedException movedOn(long id, long version, String nextStep) {
        return new PreconditionFailedException("User " + id + " has changed since that version: its ETag is now "
                + Versioned.etag(version) + ", which If-Match does not name; " + nextStep);
    }

    private static ErrorResponseException malformed(String header) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "If-Match must be * or a list of strong entity tags such as \"3\" (a user's ETag), not '"
                                + printable(header) + "'"),
                null);
    }

    /**
     * The header, shortened and with anything unprintable replaced, to echo it safely.
     */
    private static String printable(String header) {
        String shown = header.length() > 64 ? header.substring(0, 64) + "..." : header;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

}
