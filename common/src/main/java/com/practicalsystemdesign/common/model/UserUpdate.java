package com.practicalsystemdesign.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code PUT /users/{id}}: a partial update, where an absent (or null) field
 * keeps its current value. A present field obeys the same rules as on create.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A partial update: an absent or null field keeps its value. Unknown fields are ignored.")
public record UserUpdate(
        @Schema(description = UserConstraints.NAME_DESCRIPTION, nullable = true, minLength = 1,
                maxLength = UserConstraints.NAME_MAX,
                example = "Alice Jones") @CodePointLength(min = 1, max = UserConstraints.NAME_MAX,
                        message = "must not be blank and at most {max} characters") @StorableText String name,
        @Schema(description = UserConstraints.EMAIL_DESCRIPTION, nullable = true, maxLength = UserConstraints.EMAIL_MAX,
                example = "alice.jones@example.com") @Email(regexp = UserConstraints.EMAIL_PATTERN,
                        message = UserConstraints.EMAIL_MESSAGE) @StorableText @CodePointLength(min = 1,
                                max = UserConstraints.EMAIL_MAX) String email) {

    public UserUpdate {
        name = Strings.strip(name);
        email = Strings.strip(email);
    }

    /** Whether the update changes nothing; not part of the JSON. */
    @JsonIgnore
    public boolean isEmpty() {
        return name == null && email == null;
    }
}
