package com.practicalsystemdesign.common.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text PostgreSQL can store as it was sent: no NUL character (a {@code text} column
 * refuses it) and no unpaired UTF-16 surrogate (JSON escapes such as {@code "\ud800"} can
 * carry one; it has no UTF-8 form). A constraint of its own rather than a
 * {@code @Pattern}, because no regular expression says it in both Java and the ECMA-262
 * dialect of JSON Schema, and the OpenAPI documents would publish a {@code @Pattern}.
 * Null is valid.
 */
@Documented
@Constraint(validatedBy = StorableTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableText {

    String message() default "must not contain NUL characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
