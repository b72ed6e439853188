package com.practicalsystemdesign.common.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated text has between {@link #min()} and {@link #max()} characters, counted as
 * Unicode code points, as PostgreSQL's {@code varchar(n)} and docs/api.md count them.
 * Bean Validation's {@code @Size} counts UTF-16 units, in which an emoji is two. Null is
 * valid.
 */
@Documented
@Constraint(validatedBy = CodePointLengthValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface CodePointLength {

    int min() default 0;

    int max();

    String message() default "size must be between {min} and {max} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
