package com.practicalsystemdesign.common.model;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import tools.jackson.databind.json.JsonMapper;

public class MaxJsonSizeValidator implements ConstraintValidator<MaxJsonSize, Object> {

    private static final JsonMapper JSON = JsonMapper.shared();

    private int maxBytes;

    @Override
    public void initialize(MaxJsonSize annotation) {
        maxBytes = annotation.value();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return value == null || JSON.writeValueAsBytes(value).length <= maxBytes;
    }

}
