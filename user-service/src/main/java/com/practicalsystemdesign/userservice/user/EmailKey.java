package com.practicalsystemdesign.userservice.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What makes two emails the same user, computed here rather than by the database, whose
 * {@code lower()} depends on how its cluster was initialised ({@code --no-locale} leaves
 * {@code É} as it is, {@code en_US.utf8} lowers it). The key is stored in
 * {@code users.email_key} under a unique index; the email itself is stored as sent.
 */
final class EmailKey {

    private EmailKey() {
    }

    /**
     * Canonically composed (NFC, so that a decomposed {@code e} + U+0301 equals
     * {@code é}), then case-folded without a locale: upper- then lower-cased, so that
     * {@code ß}, {@code SS} and {@code ss} fold alike as in Unicode's full case folding.
     */
    static String of(String email) {
        String composed = Normalizer.normalize(email, Normalizer.Form.NFC);
        String folded = composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

}
