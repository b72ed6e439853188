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

    static final String NAME_DESCRIPTION = "Trimmed, then 1..100 characters (Unicode code points), not blank; "
            + "no NUL character or unpaired surrogate.";

    static final String EMAIL_DESCRIPTION = "Trimmed, then a well-formed address with a dot in its domain, "
            + "at most 255 characters (code points); no NUL character or unpaired surrogate. Unique among "
            + "users, compared case-insensitively.";

    private UserConstraints() {
    }

}
