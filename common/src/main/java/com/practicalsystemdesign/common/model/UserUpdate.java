package com.practicalsystemdesign.common.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code PUT /users/{id}}: a partial update, where an absent (or null) field
 * keeps its current value. A present field obeys the same rules as on create.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserUpdate(@CodePointLength(min = 1, max = UserConstraints.NAME_MAX,
        message = "must not be blank and at most {max} characters") @Pattern(regexp = UserConstraints.STORABLE_TEXT,
                message = UserConstraints.STORABLE_TEXT_MESSAGE) String name,
        @Email(regexp = UserConstraints.EMAIL_PATTERN, message = UserConstraints.EMAIL_MESSAGE) @Pattern(
                regexp = UserConstraints.STORABLE_TEXT,
                message = UserConstraints.STORABLE_TEXT_MESSAGE) @CodePointLength(min = 1,
                        max = UserConstraints.EMAIL_MAX) String email) {

    public UserUpdate {
        name = Strings.strip(name);
        email = Strings.strip(email);
    }

    public boolean isEmpty() {
        return name == null && email == null;
    }
}
