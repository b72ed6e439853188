package com.practicalsystemdesign.common.model;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class CodePointLengthValidator implements ConstraintValidator<CodePointLength, CharSequence> {

    private int min;

    private int max;

    @Override
    public void initialize(CodePointLength annotation) {
        min = annotation.min();
        max = annotation.max();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        // Every code point is one or two UTF-16 units, so most values are decided without
        // counting.
        int units = value.length();
        if (units < min || units > 2 * max) {
            return false;
        }
        int codePoints = Character.codePointCount(value, 0, units);
        return codePoints >= min && codePoints <= max;
    }

}
