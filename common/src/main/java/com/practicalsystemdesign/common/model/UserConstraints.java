package com.practicalsystemdesign.common.model;

/** The limits of a user's fields, shared by create and update. */
final class UserConstraints {

    static final int NAME_MAX = 100;

    static final int EMAIL_MAX = 255;

    /**
     * Bean Validation's {@code @Email} alone accepts {@code alice@localhost}; like the original
     * design's email validator, an address here needs a dot in its domain.
     */
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";

    static final String EMAIL_MESSAGE = "must be a well-formed email address";

    private UserConstraints() {
    }
}
