package com.practicalsystemdesign.common.model;

/** The confirmation body of the delete endpoints: {@code {"message": ..., "id": ...}}. */
public record MessageResponse(String message, String id) {
}
