package com.practicalsystemdesign.common.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /users}. Values are trimmed before they are validated and stored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserCreate(
        @NotBlank @CodePointLength(max = UserConstraints.NAME_MAX) @Pattern(regexp = UserConstraints.STORABLE_TEXT,
                message = UserConstraints.STORABLE_TEXT_MESSAGE) String name,
        @NotNull @Email(regexp = UserConstraints.EMAIL_PATTERN, message = UserConstraints.EMAIL_MESSAGE) @Pattern(
                regexp = UserConstraints.STORABLE_TEXT,
                message = UserConstraints.STORABLE_TEXT_MESSAGE) @CodePointLength(
                        max = UserConstraints.EMAIL_MAX) String email) {

    public UserCreate {
        name = Strings.strip(name);
        email = Strings.strip(email);
    }
}
