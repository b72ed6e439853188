package com.practicalsystemdesign.common.model;

/** The limits of a user's fields, shared by create and update. */
final class UserConstraints {

    static final int NAME_MAX = 100;

    static final int EMAIL_MAX = 255;

    /**
     * Bean Validation's {@code @Email} alone accepts {@code alice@localhost}; like the
     * original design's email validator, an address here needs a dot in its domain.
     */
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";

    static final String EMAIL_MESSAGE = "must be a well-formed email address";

    /**
     * Text PostgreSQL can store as it was sent: no NUL character (a {@code text} column
     * refuses it, which surfaced as a 500) and no unpaired UTF-16 surrogate (JSON escapes
     * such as {@code "\ud800"} can carry one; it has no UTF-8 form and would be stored as
     * "?").
     */
    static final String STORABLE_TEXT = "[^\\x00\\p{Cs}]*";

    static final String STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

    private UserConstraints() {
    }

}
