package com.practicalsystemdesign.common.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated value, serialized as compact JSON in UTF-8, takes at most
 * {@link #value()} bytes.
 */
@Documented
@Constraint(validatedBy = MaxJsonSizeValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxJsonSize {

    int value();

    String message() default "must be at most {value} bytes as JSON";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
