package com.practicalsystemdesign.common.web;

/**
 * Java property paths as the JSON names clients sent: {@code participantIds[2]} to
 * {@code participant_ids[2]}.
 */
final class FieldNames {

    private FieldNames() {
    }

    static String toSnakeCase(String javaName) {
        if (javaName == null) {
            return "";
        }
        StringBuilder snake = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            }
            else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

}
