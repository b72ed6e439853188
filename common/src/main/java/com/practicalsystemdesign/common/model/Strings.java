package com.practicalsystemdesign.common.model;

/** Null-safe trimming for the compact constructors of request records. */
final class Strings {

    private Strings() {
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }

}
