package com.practicalsystemdesign.common.model;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class StorableTextValidator implements ConstraintValidator<StorableText, CharSequence> {

    private static final Pattern STORABLE = Pattern.compile("[^\\x00\\p{Cs}]*");

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || STORABLE.matcher(value).matches();
    }

}
