package com.practicalsystemdesign.common.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /users}. Values are trimmed before they are validated and stored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A new user. Unknown fields are ignored.")
public record UserCreate(@Schema(description = UserConstraints.NAME_DESCRIPTION, requiredMode = RequiredMode.REQUIRED,
        minLength = 1, maxLength = UserConstraints.NAME_MAX,
        example = "Alice Smith") @NotBlank @CodePointLength(max = UserConstraints.NAME_MAX) @StorableText String name,
        @Schema(description = UserConstraints.EMAIL_DESCRIPTION, requiredMode = RequiredMode.REQUIRED,
                maxLength = UserConstraints.EMAIL_MAX,
                example = "alice@example.com") @NotNull @Email(regexp = UserConstraints.EMAIL_PATTERN,
                        message = UserConstraints.EMAIL_MESSAGE) @StorableText @CodePointLength(
                                max = UserConstraints.EMAIL_MAX) String email) {

    public UserCreate {
        name = Strings.strip(name);
        email = Strings.strip(email);
    }
}
